import EmbassyPacketsCLI

EmbassyPacketsCommand.main()
