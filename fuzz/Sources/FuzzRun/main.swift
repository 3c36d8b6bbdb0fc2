import FuzzDriver

runLibFuzzer(fuzzRun)
