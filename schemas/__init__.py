"""The output data contract: Arrow schemas per table and the typed records behind them."""

from schemas.records import RECORD_TABLES, Amount, LegislationMention, Priority, Risk, SurveyResult
from schemas.tables import CONTRACT_VERSION, FACT_TABLES, SCHEMAS, TABLES

__all__ = [
    "Amount",
    "CONTRACT_VERSION",
    "FACT_TABLES",
    "LegislationMention",
    "Priority",
    "RECORD_TABLES",
    "Risk",
    "SCHEMAS",
    "SurveyResult",
    "TABLES",
]
