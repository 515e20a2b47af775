"""Ledger and run bookkeeping: etl_record/etl_file/etl_partition rows, run counts, summary."""
