import CHDF5
import LatentCore

extension HDF5File {
    /// What a dataset holds, as a listing shows it: its element type in words and its dimensions as stored.
    package struct DatasetLayout {
        /// "float32", "float64", "int64", "string", ...
        package let type: String
        package let dimensions: [UInt64]
    }

    /// Writes a float32 dataset at an absolute path, creating the groups above it.
    package func write(_ tensor: Tensor, at objectPath: String) throws {
        let what = "create dataset \(objectPath)"
        var dimensions = tensor.shape.map { hsize_t($0) }
        let space = tensor.rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(tensor.rank), &dimensions, nil)
        try using(space, what, close: H5Sclose) { space in
            try using(H5Pcreate(latent_h5p_link_create()), what, close: H5Pclose) { links in
                try check(H5Pset_create_intermediate_group(links, 1), what)
                let dataset = H5Dcreate2(
                    id, objectPath, latent_h5t_ieee_f32le(), space, links, latent_h5p_default(),
                    latent_h5p_default())
                // Closing writes the dataset out too, so its failure is a failed write.
                try using(dataset, "write dataset \(objectPath)", close: H5Dclose) { dataset in
                    let status = tensor.withUnsafeBufferPointer {
                        H5Dwrite(
                            dataset, latent_h5t_native_float(), latent_h5s_all(), latent_h5s_all(),
                            latent_h5p_default(),
                            $0.baseAddress)
                    }
                    try check(status, "write dataset \(objectPath)")
                }
            }
        }
    }

    /// Reads the float32 dataset at `objectPath`, refusing other types and sizes the file cannot hold
    /// before anything is allocated.
    package func read(_ objectPath: String) throws -> Tensor {
        try withDataset(objectPath) { dataset in
            let layout = try self.layout(of: dataset, at: objectPath)
            guard layout.type == "float32" else {
                throw LatentError("\(name): dataset \(objectPath) is \(layout.type), not float32")
            }
            let shape = try checkedShape(layout.dimensions, of: dataset, at: objectPath)
            let tensor = Tensor(zeros: shape)
            let status = tensor.withUnsafeMutableBufferPointer {
                H5Dread(
                    dataset, latent_h5t_native_float(), latent_h5s_all(), latent_h5s_all(), latent_h5p_default(),
                    $0.baseAddress)
            }
            try check(status, "read dataset \(objectPath) (the file may be truncated)")
            return tensor
        }
    }

    /// The type and stored dimensions of the dataset at `objectPath`, whatever they are.
    package func layout(at objectPath: String) throws -> DatasetLayout {
        try withDataset(objectPath) { try layout(of: $0, at: objectPath) }
    }

    func withDataset<Result>(_ objectPath: String, _ body: (hid_t) throws -> Result) throws -> Result {
        guard exists(objectPath) else { throw LatentError("\(name): no dataset \(objectPath)") }
        return try using(
            H5Dopen2(id, objectPath, latent_h5p_default()), "open \(objectPath) as a dataset",
            close: H5Dclose, body)
    }

    func layout(of dataset: hid_t, at objectPath: String) throws -> DatasetLayout {
        let type = try using(H5Dget_type(dataset), "read the type of \(objectPath)", close: H5Tclose) { type in
            HDF5File.describe(type)
        }
        let dimensions = try using(H5Dget_space(dataset), "read the shape of \(objectPath)", close: H5Sclose) { space in
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0, rank <= 32 else { throw LatentError("\(name): dataset \(objectPath) has no valid shape") }
            var dimensions = [hsize_t](repeating: 0, count: Int(rank))
            guard H5Sget_simple_extent_dims(space, &dimensions, nil) == rank else {
                throw failure("read the shape of \(objectPath)")
            }
            return dimensions.map { UInt64($0) }
        }
        return DatasetLayout(type: type, dimensions: dimensions)
    }

    /// The dimensions as a tensor shape, or an error when they overflow or need more bytes than the file holds
    /// (a damaged or hostile header must not make Latent allocate terabytes).
    private func checkedShape(_ dimensions: [UInt64], of dataset: hid_t, at objectPath: String) throws -> [Int] {
        let described = "dataset \(objectPath) of shape \(dimensions)"
        var count = 1
        for dimension in dimensions {
            guard dimension <= UInt64(Int.max) else {
                throw LatentError("\(name): \(described) is too large to address")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dimension))
            guard !overflow else { throw LatentError("\(name): \(described) is too large to address") }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        // Compression can make stored data smaller than its values, but deflate never by more than about 1,032 times.
        let compressed = try using(H5Dget_create_plist(dataset), "read the storage of \(objectPath)", close: H5Pclose) {
            H5Pget_nfilters($0) > 0
        }
        let limit = compressed ? size.multipliedReportingOverflow(by: 1100).partialValue : size
        guard !overflow, bytes <= limit else {
            throw LatentError(
                "\(name): \(described) needs \(count) float32 values, more than the file's \(size) bytes hold "
                    + "(the file is damaged)")
        }
        return dimensions.map { Int($0) }
    }

    /// An HDF5 type in words, as NumPy would name it.
    static func describe(_ type: hid_t) -> String {
        let bits = H5Tget_size(type) * 8
        switch H5Tget_class(type) {
        case H5T_FLOAT: return "float\(bits)"
        case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + "\(bits)"
        case H5T_STRING: return "string"
        case H5T_COMPOUND: return "compound"
        case H5T_ENUM: return "enum"
        case H5T_ARRAY: return "array"
        case H5T_VLEN: return "variable-length"
        case H5T_BITFIELD: return "bitfield"
        case H5T_OPAQUE: return "opaque"
        case H5T_REFERENCE: return "reference"
        default: return "unknown type"
        }
    }
}
