import EmbassyPacketsCLI

EmbassyPacketsCommand.runMain()
