"""The one error a dataset load raises: it names the file, the entry and the field."""


class DatasetError(Exception):
    def __init__(self, file: str, message: str, *, entry: str = "", field: str = "") -> None:
        self.file, self.entry, self.field, self.message = file, entry, field, message
        where = file
        if entry:
            where += f", entry {entry}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
