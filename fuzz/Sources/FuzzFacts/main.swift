import FuzzDriver

runLibFuzzer(fuzzFacts)
