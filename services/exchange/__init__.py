"""Data in and out: the LIV directory exchange format (docs/data-format.md) and the HSDS open-data export."""

from services.exchange.export import export_directory, select_services, write_directory
from services.exchange.format import FORMAT_NAME, FORMAT_VERSION, dumps
from services.exchange.importer import ImportReport, import_directory, parse
from services.exchange.problems import DirectoryImportError, Problem

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "DirectoryImportError",
    "ImportReport",
    "Problem",
    "dumps",
    "export_directory",
    "import_directory",
    "parse",
    "select_services",
    "write_directory",
]
