from treatytrack.cli import main

main()
