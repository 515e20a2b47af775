"""The `newsetl` command line."""

import typer

app = typer.Typer(help="newsetl: news-article files in, a DuckDB star schema out.")


@app.callback()
def main() -> None:
    """newsetl: news-article files in, a DuckDB star schema out."""
