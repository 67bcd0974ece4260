import CHDF5
import LatentCore

extension HDF5File {
    /// Sets a fixed-length string attribute on the object at `objectPath` ("/" for the file).
    package func setAttribute(_ key: String, _ value: String, on objectPath: String = "/") throws {
        try using(H5Tcopy(latent_h5t_c_s1()), "create attribute \(key) on \(objectPath)", close: H5Tclose) { type in
            try check(H5Tset_size(type, max(value.utf8.count, 1)), "create attribute \(key) on \(objectPath)")
            try writeAttribute(key, type: type, on: objectPath) { attribute in
                var bytes = Array(value.utf8)
                if bytes.isEmpty { bytes = [0] }
                return H5Awrite(attribute, type, bytes)
            }
        }
    }

    /// Sets an integer attribute on the object at `objectPath`.
    package func setAttribute(_ key: String, _ value: Int, on objectPath: String = "/") throws {
        try writeAttribute(key, type: latent_h5t_std_i64le(), on: objectPath) { attribute in
            var number = Int64(value)
            return H5Awrite(attribute, latent_h5t_native_int64(), &number)
        }
    }

    private func writeAttribute(_ key: String, type: hid_t, on objectPath: String, _ write: (hid_t) -> herr_t) throws {
        let what = "create attribute \(key) on \(objectPath)"
        try using(H5Screate(H5S_SCALAR), what, close: H5Sclose) { space in
            let attribute = H5Acreate_by_name(
                id, objectPath, key, type, space, latent_h5p_default(), latent_h5p_default(),
                latent_h5p_default())
            try using(attribute, what, close: H5Aclose) { attribute in
                try check(write(attribute), "write attribute \(key) on \(objectPath)")
            }
        }
    }

    /// A string attribute (fixed-length as Latent writes them, or variable-length as h5py does), or `nil` when absent.
    package func stringAttribute(_ key: String, on objectPath: String = "/") throws -> String? {
        try withAttribute(key, on: objectPath) { attribute, type in
            guard H5Tget_class(type) == H5T_STRING else {
                throw LatentError(
                    "\(name): attribute \(key) on \(objectPath) is \(HDF5File.describe(type)), not a string")
            }
            if H5Tis_variable_str(type) > 0 {
                var text: UnsafeMutablePointer<CChar>?
                try check(H5Aread(attribute, type, &text), "read attribute \(key) on \(objectPath)")
                defer { H5free_memory(text) }
                return text.map { String(cString: $0) } ?? ""
            }
            var bytes = [UInt8](repeating: 0, count: H5Tget_size(type) + 1)
            try check(H5Aread(attribute, type, &bytes), "read attribute \(key) on \(objectPath)")
            return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// An integer attribute, or `nil` when absent.
    package func integerAttribute(_ key: String, on objectPath: String = "/") throws -> Int? {
        try withAttribute(key, on: objectPath) { attribute, type in
            guard H5Tget_class(type) == H5T_INTEGER else {
                throw LatentError(
                    "\(name): attribute \(key) on \(objectPath) is \(HDF5File.describe(type)), not an integer")
            }
            var value: Int64 = 0
            try check(H5Aread(attribute, latent_h5t_native_int64(), &value), "read attribute \(key) on \(objectPath)")
            return Int(value)
        }
    }

    /// Opens a single-valued attribute and its type; `nil` when there is no such attribute. An attribute holding
    /// several values is refused: reading it into one value would write past the buffer.
    private func withAttribute<Result>(
        _ key: String, on objectPath: String,
        _ body: (_ attribute: hid_t, _ type: hid_t) throws -> Result
    ) throws -> Result? {
        guard exists(objectPath), H5Aexists_by_name(id, objectPath, key, latent_h5p_default()) > 0 else { return nil }
        let what = "read attribute \(key) on \(objectPath)"
        return try using(
            H5Aopen_by_name(id, objectPath, key, latent_h5p_default(), latent_h5p_default()), what,
            close: H5Aclose
        ) { attribute in
            let values = try using(H5Aget_space(attribute), what, close: H5Sclose) { H5Sget_simple_extent_npoints($0) }
            guard values == 1 else {
                throw LatentError("\(name): attribute \(key) on \(objectPath) holds \(values) values, not one")
            }
            return try using(H5Aget_type(attribute), what, close: H5Tclose) { type in try body(attribute, type) }
        }
    }

    /// The names of the root's attributes.
    package func attributeNames() throws -> [String] {
        final class Found { var names: [String] = [] }
        let found = Found()
        var index: hsize_t = 0
        try check(
            H5Aiterate2(
                id, H5_INDEX_NAME, H5_ITER_INC, &index,
                { _, name, _, context in
                    guard let name, let context else { return 0 }
                    Unmanaged<Found>.fromOpaque(context).takeUnretainedValue().names.append(String(cString: name))
                    return 0
                }, Unmanaged.passUnretained(found).toOpaque()), "list the attributes (the file may be damaged)")
        return found.names
    }

    /// Far more objects and far deeper paths than any file Latent writes or reads holds.
    static let mostObjects = 1_000_000
    static let longestPath = 4096

    /// Every dataset below `objectPath`, as absolute paths in name order.
    package func datasetPaths(under objectPath: String = "/") throws -> [String] {
        guard objectPath == "/" || exists(objectPath) else { return [] }
        // A damaged file can link a group into itself; libhdf5 1.10 then walks the cycle forever.
        final class Found {
            var paths: [String] = []
            var visited = 0
            var cycle = false
        }
        let found = Found()
        let base = objectPath == "/" ? "" : objectPath
        var status: herr_t = 0
        try using(H5Oopen(id, objectPath, latent_h5p_default()), "open \(objectPath)", close: H5Oclose) { root in
            status = H5Ovisit2(
                root, H5_INDEX_NAME, H5_ITER_INC,
                { _, name, info, context in
                    guard let name, let info, let context else { return 0 }
                    let found = Unmanaged<Found>.fromOpaque(context).takeUnretainedValue()
                    found.visited += 1
                    let path = String(cString: name)
                    if found.visited > HDF5File.mostObjects || path.utf8.count > HDF5File.longestPath {
                        found.cycle = true
                        return -1
                    }
                    if info.pointee.type == H5O_TYPE_DATASET { found.paths.append(path) }
                    return 0
                }, Unmanaged.passUnretained(found).toOpaque(), latent_h5o_info_basic())
        }
        if found.cycle {
            throw LatentError(
                "\(name): damaged: more than \(HDF5File.mostObjects) objects or paths longer than "
                    + "\(HDF5File.longestPath) characters under \(objectPath) (a group linked into itself?)")
        }
        try check(status, "list the objects under \(objectPath) (the file may be damaged)")
        return found.paths.map { "\(base)/\($0)" }
    }
}
