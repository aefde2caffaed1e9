"""Tables in and out, with no models: reading the spreadsheets people send (`sheets`) and writing many rows at
once (`bulk`). The ground floor beside `vn`: any app may use it, it uses none."""

from .sheets import Column, RowError, Table, TableError, map_table, read_rows

__all__ = ["Column", "RowError", "Table", "TableError", "map_table", "read_rows"]
