"""Amounts: money, percentages and quantities in article text, parsed to a value and unit."""

from newsetl.transforms.amounts.mentions import AMOUNT_MENTION_SCHEMA, amount_mentions
from newsetl.transforms.amounts.parse import KINDS, UNPARSED_REASONS, ParsedAmount, parse_amount

__all__ = ["AMOUNT_MENTION_SCHEMA", "KINDS", "UNPARSED_REASONS", "ParsedAmount",
           "amount_mentions", "parse_amount"]
