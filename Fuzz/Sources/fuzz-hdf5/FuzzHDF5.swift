import FuzzSupport
import LatentModels
import LatentNN
import LatentStorage

// Fuzzes the HDF5 readers with the input as the file, through each way `latent` opens one:
// `latent inspect` (HDF5Listing), a checkpoint for `encode`/`predict`/`features`/`transfer` (loaded, checked
// against 28x28 images, built), and an archive of tensors for `retrieve` and PCA files (TensorArchive).
// libhdf5 itself is not instrumented, so coverage guides the fuzzer only through Latent's side of the calls.

private let folder = ScratchFolder(named: "hdf5")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHDF5(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = folder.write(UnsafeRawBufferPointer(start: data, count: size), as: "input.h5")
    _ = try? HDF5Listing.describe(path)
    if let checkpoint = try? Checkpoint.load(from: path),
        (try? checkpoint.architecture.outputShape(for: [28 * 28])) != nil
    {
        _ = try? checkpoint.buildModel()
    }
    _ = try? TensorArchive.load(from: path)
    return 0
}
