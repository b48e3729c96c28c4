"""Scoring a dataset against gold annotations (the contract scorer's rules), for `councilpapers evaluate`."""
