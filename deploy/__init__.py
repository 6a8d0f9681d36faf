"""What a council deploys (the nginx site file, gunicorn settings), and `stage`, which
starts that shape on one machine for the tests and the load test."""
