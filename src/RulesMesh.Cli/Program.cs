using RulesMesh.Cli;

return RulesMeshCommandLine.Run(args);
