from safetyplan import create_app

app = create_app()
