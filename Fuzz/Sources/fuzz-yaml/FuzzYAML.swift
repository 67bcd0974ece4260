import FuzzSupport
import LatentExperiments

// Fuzzes the experiment-file reader with the input as the YAML file `latent run FILE` reads first
// (Experiment.load: Yams, then the Codable fields). What `latent run` does next needs data and trains models,
// too slow for a fuzzer.

private let folder = ScratchFolder(named: "yaml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = folder.write(UnsafeRawBufferPointer(start: data, count: size), as: "experiment.yaml")
    _ = try? Experiment.load(from: path)
    return 0
}
