from docgen.command import main

main()
