import FuzzSupport
import LatentData

// Fuzzes the IDX reader the way `latent data describe --data-dir DIR` reaches it: a data folder read by
// `KnownDataset.load`, which reads a split's two IDX files (gzip or raw), checks that they agree, reads the
// other split's image header for the image size, and then summarised as `describe` prints it.
//
// Input layout, so that one input can be a pair of files:
//   bytes 0-1   L, the length of the labels file (big-endian; cut to what follows)
//   next L      the labels file
//   the rest    the images file
// Both splits get the same two files, so the other split's header always agrees and the reader goes on.
// `Tests/BadInput/files/fuzz/split_idx_input.py INPUT DIR` writes a saved input back out as that folder.

private let folder = ScratchFolder(named: "idx")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let declared = size >= 2 ? Int(input[0]) << 8 | Int(input[1]) : 0
    let labels = UnsafeRawBufferPointer(rebasing: input[min(2, size)..<min(2 + declared, size)])
    let images = UnsafeRawBufferPointer(rebasing: input[min(2 + declared, size)...])
    for split in ["train", "t10k"] {
        folder.write(labels, as: "\(split)-labels-idx1-ubyte.gz")
        folder.write(images, as: "\(split)-images-idx3-ubyte.gz")
    }
    if let dataset = try? KnownDataset.fashionMNIST.load(.test, from: folder.path) {
        _ = LabelSummary(dataset).description
    }
    return 0
}
