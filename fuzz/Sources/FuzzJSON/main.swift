import FuzzDriver

runLibFuzzer(fuzzJSON)
