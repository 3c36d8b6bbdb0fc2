import FuzzDriver

runLibFuzzer(fuzzRules)
