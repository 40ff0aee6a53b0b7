"""Reference: the smallest one-command Typer app, to measure recover's overhead against."""

import typer

app = typer.Typer(add_completion=False)


def _version(value: bool) -> None:
    if value:
        print("minimal 1.0")
        raise typer.Exit()


@app.command()
def main(
    name: str = "world",
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
) -> None:
    """Say hello."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
