"""Reading IRS e-file returns (Form 990, 990-EZ, 990-PF) for import_filings: the element names
of each schema family (schema.py), one return read into plain data (returns.py), the files,
folders and zip archives that hold them (files.py), and storing them (importing.py)."""
