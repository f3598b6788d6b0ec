import DebriefCLI

DebriefCommand.runAndExit()
