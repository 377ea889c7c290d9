from crosscheck import create_app

app = create_app()
