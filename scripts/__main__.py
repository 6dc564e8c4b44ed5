from scripts.cli import app

app()
