// @preconcurrency: the H5T_*_g type ids are C globals that H5open sets once (see HDF5File.swift); every HDF5File
// has called H5open before any of these functions can run.
@preconcurrency import CHDF5
import LatentCore

extension HDF5File {
    /// Writes a one-dimensional uint64 dataset at an absolute path, creating the groups above it: words that a
    /// float32 dataset would round (a random generator's state).
    package func write(words: [UInt64], at objectPath: String) throws {
        let what = "create dataset \(objectPath)"
        var dimensions = [hsize_t(words.count)]
        try using(H5Screate_simple(1, &dimensions, nil), what, close: H5Sclose) { space in
            try using(H5Pcreate(latent_h5p_link_create()), what, close: H5Pclose) { links in
                try check(H5Pset_create_intermediate_group(links, 1), what)
                let dataset = H5Dcreate2(
                    id, objectPath, H5T_STD_U64LE_g, space, links, latent_h5p_default(),
                    latent_h5p_default())
                try using(dataset, "write dataset \(objectPath)", close: H5Dclose) { dataset in
                    try check(
                        H5Dwrite(
                            dataset, H5T_NATIVE_UINT64_g, latent_h5s_all(), latent_h5s_all(),
                            latent_h5p_default(), words), "write dataset \(objectPath)")
                }
            }
        }
    }

    /// Reads the one-dimensional uint64 dataset at `objectPath`, which must hold `count` words: anything else is
    /// refused before a buffer is made for it.
    package func readWords(_ objectPath: String, count: Int) throws -> [UInt64] {
        let layout = try layout(at: objectPath)
        guard layout.type == "uint64", layout.dimensions == [UInt64(count)] else {
            let shape = "(" + layout.dimensions.map(String.init).joined(separator: ", ") + ")"
            throw LatentError("\(name): dataset \(objectPath) is \(layout.type) \(shape), not uint64 (\(count))")
        }
        var words = [UInt64](repeating: 0, count: count)
        try using(H5Dopen2(id, objectPath, latent_h5p_default()), "open \(objectPath) as a dataset", close: H5Dclose) {
            try check(
                H5Dread($0, H5T_NATIVE_UINT64_g, latent_h5s_all(), latent_h5s_all(), latent_h5p_default(), &words),
                "read dataset \(objectPath) (the file may be truncated)")
        }
        return words
    }

    /// Sets a float64 attribute on the object at `objectPath` (infinity and NaN included).
    package func setAttribute(_ key: String, _ value: Double, on objectPath: String = "/") throws {
        let what = "create attribute \(key) on \(objectPath)"
        try using(H5Screate(H5S_SCALAR), what, close: H5Sclose) { space in
            let attribute = H5Acreate_by_name(
                id, objectPath, key, H5T_IEEE_F64LE_g, space, latent_h5p_default(),
                latent_h5p_default(), latent_h5p_default())
            try using(attribute, what, close: H5Aclose) { attribute in
                var number = value
                try check(H5Awrite(attribute, H5T_NATIVE_DOUBLE_g, &number), "write attribute \(key) on \(objectPath)")
            }
        }
    }

    /// A single float attribute (float32 or float64) as a Double, or `nil` when absent.
    package func doubleAttribute(_ key: String, on objectPath: String = "/") throws -> Double? {
        guard exists(objectPath), H5Aexists_by_name(id, objectPath, key, latent_h5p_default()) > 0 else { return nil }
        let what = "read attribute \(key) on \(objectPath)"
        return try using(
            H5Aopen_by_name(id, objectPath, key, latent_h5p_default(), latent_h5p_default()), what,
            close: H5Aclose
        ) { attribute in
            let values = try using(H5Aget_space(attribute), what, close: H5Sclose) { H5Sget_simple_extent_npoints($0) }
            let isFloat = try using(H5Aget_type(attribute), what, close: H5Tclose) { H5Tget_class($0) == H5T_FLOAT }
            guard values == 1, isFloat else {
                throw LatentError("\(name): attribute \(key) on \(objectPath) is not a single float")
            }
            var number = 0.0
            try check(H5Aread(attribute, H5T_NATIVE_DOUBLE_g, &number), what)
            return number
        }
    }
}
