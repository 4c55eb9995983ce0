from treatytrack.entry import main

main()
