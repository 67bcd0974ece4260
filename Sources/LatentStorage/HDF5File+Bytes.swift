import CHDF5
import CHDF5Extras
import LatentCore

extension HDF5File {
    /// Writes a uint8 dataset of `shape` at an absolute path, creating the groups above it; `compressed` chunks it
    /// by its first axis, about 4 KB a chunk so that a few rows read cheaply (`HDF5ByteRows`), and deflates it.
    package func write(bytes: [UInt8], shape: [Int], at objectPath: String, compressed: Bool = false) throws {
        precondition(shape.reduce(1, *) == bytes.count, "\(objectPath): \(bytes.count) bytes for shape \(shape)")
        let what = "create dataset \(objectPath)"
        var dimensions = shape.map { hsize_t($0) }
        try using(H5Screate_simple(Int32(shape.count), &dimensions, nil), what, close: H5Sclose) { space in
            try using(H5Pcreate(latent_h5p_link_create()), what, close: H5Pclose) { links in
                try check(H5Pset_create_intermediate_group(links, 1), what)
                try using(H5Pcreate(latent_h5p_dataset_create()), what, close: H5Pclose) { creation in
                    // A chunk may not have a zero side, so an empty dataset is stored plain.
                    if compressed && !bytes.isEmpty {
                        var chunk = dimensions
                        let rowBytes = shape.dropFirst().reduce(1, *)
                        chunk[0] = min(chunk[0], hsize_t(HDF5ByteRows.chunkRows(bytesPerRow: rowBytes)))
                        try check(H5Pset_chunk(creation, Int32(chunk.count), &chunk), what)
                        try check(H5Pset_deflate(creation, 4), what)
                    }
                    let dataset = H5Dcreate2(
                        id, objectPath, latent_h5t_std_u8le(), space, links, creation, latent_h5p_default())
                    try using(dataset, "write dataset \(objectPath)", close: H5Dclose) { dataset in
                        let status = bytes.withUnsafeBytes { buffer in
                            buffer.isEmpty
                                ? 0
                                : H5Dwrite(
                                    dataset, latent_h5t_native_uint8(), latent_h5s_all(), latent_h5s_all(),
                                    latent_h5p_default(), buffer.baseAddress)
                        }
                        try check(status, "write dataset \(objectPath)")
                    }
                }
            }
        }
    }

    /// The uint8 dataset at `objectPath` and its shape, refusing other types and more than `limit` bytes (by
    /// default the file's size; a deflated dataset may hold more than its file, up to a limit its reader knows).
    package func readBytes(_ objectPath: String, limit: Int? = nil) throws -> (bytes: [UInt8], shape: [Int]) {
        try withDataset(objectPath) { dataset in
            let layout = try layout(of: dataset, at: objectPath)
            guard layout.type == "uint8" else {
                throw LatentError("\(name): dataset \(objectPath) is \(layout.type), not uint8")
            }
            var count: UInt64 = 1
            for dimension in layout.dimensions {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= UInt64(limit ?? size) else {
                    throw LatentError(
                        "\(name): dataset \(objectPath) declares shape \(layout.dimensions), more than the file can hold"
                    )
                }
                count = product
            }
            var bytes = [UInt8](repeating: 0, count: Int(count))
            let status = bytes.withUnsafeMutableBytes { buffer in
                buffer.isEmpty
                    ? 0
                    : H5Dread(
                        dataset, latent_h5t_native_uint8(), latent_h5s_all(), latent_h5s_all(),
                        latent_h5p_default(), buffer.baseAddress)
            }
            try check(status, "read dataset \(objectPath) (the file may be damaged)")
            return (bytes, layout.dimensions.map { Int($0) })
        }
    }
}
