import Foundation
import LatentCore
import LatentStorage
import LatentTestSupport
import Testing

@Suite struct SafetensorsFileTests {
    /// A file's bytes: the header's length (8 bytes, little-endian), the header, the data.
    static func file(header: String, data: [UInt8] = [], length: UInt64? = nil) -> Data {
        let json = Array(header.utf8)
        var bytes = withUnsafeBytes(of: (length ?? UInt64(json.count)).littleEndian) { Array($0) }
        bytes += json + data
        return Data(bytes)
    }

    /// The little-endian bytes of float32 values.
    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
    }

    /// The message of the error reading `bytes` gives.
    static func failure(_ bytes: Data) -> String {
        do {
            _ = try SafetensorsFile(bytes: bytes, named: "w.safetensors")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsTensorsAndMetadataFromHandMadeBytes() throws {
        let header = """
            {"b":{"dtype":"F32","shape":[3],"data_offsets":[8,20]},"a":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]},\
            "__metadata__":{"format":"pt"}}
            """
        // Trailing spaces pad a header in files that align their data; JSON allows them.
        let bytes = Self.file(header: header + "   ", data: Self.floats([1.5, -2, 3, 4.25, -0.125]))
        let file = try SafetensorsFile(bytes: bytes, named: "w.safetensors")
        #expect(file.metadata == ["format": "pt"])
        #expect(Set(file.entries.keys) == ["a", "b"])
        let a = try file.tensor("a")
        #expect(a.shape == [2, 1] && a.scalars == [1.5, -2])
        #expect(try file.tensor("b").scalars == [3, 4.25, -0.125])
    }

    @Test(arguments: [
        (Data([1, 2, 3]), "3 bytes, too short"),
        (file(header: "{}", length: 1000), "header length 1000 reaches past the end"),
        (file(header: "{\"a\": [1,"), "the header is not valid JSON"),
        (file(header: "[1, 2]"), "the header is JSON but not an object"),
        (file(header: #"{"__metadata__":{"n":1}}"#), "__metadata__ is not an object of strings"),
        (file(header: #"{"w":{"dtype":"F32","shape":[2]}}"#), "tensor w: the header entry needs"),
        (
            file(header: #"{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, data: floats([1, 2])),
            "tensor w: unsupported dtype C64"
        ),
        (
            file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: floats([1])),
            "tensor w: data_offsets [0, 8] are not a range inside the 4 bytes"
        ),
        (
            file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: floats([1])),
            "tensor w: data_offsets [4, 0] are not a range"
        ),
        (
            file(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: floats([1, 2])),
            "tensor w: shape [3] of F32 needs 12 bytes, but its data_offsets [0, 8] hold 8"
        ),
        (
            file(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: floats([1])),
            "tensor w: negative size in shape [-1]"
        ),
        (
            file(
                header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[1],"#
                    + #""data_offsets":[4,8]}}"#, data: floats([1, 2])),
            "overlaps tensor"
        ),
    ])
    func refusesMalformedFilesNamingFileAndTensor(bytes: Data, message: String) {
        let error = Self.failure(bytes)
        #expect(error.hasPrefix("w.safetensors"), "\(error)")
        #expect(error.contains(message), "\(error)")
    }

    @Test func aTensorOfAnUnconvertedTypeIsRefusedWhenAskedFor() throws {
        let header = #"{"steps":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}"#
        let file = try SafetensorsFile(
            bytes: Self.file(header: header, data: Array(repeating: 0, count: 8)), named: "w")
        #expect(throws: LatentError("w: tensor steps has dtype I64; only BF16, F16, F32, F64 convert to float")) {
            try file.tensor("steps")
        }
        #expect(throws: LatentError("w: no tensor weight")) { try file.tensor("weight") }
    }

    /// A file PyTorch's `safetensors` wrote (scripts/make-torchvision-fixture.py): the same values in four types.
    @Test func readsEveryFloatTypeAsPyTorchWroteIt() throws {
        let path = TestData.repositoryRoot + "/Tests/Fixtures/torchvision/dtypes.safetensors"
        let file = try SafetensorsFile(contentsOf: path)
        #expect(file.metadata == ["written_by": "make-torchvision-fixture.py"])
        let exact: [Float] = [0, 1, -2.5, 0.15625, 65504, -0.0009765625]
        for name in ["f32", "f16", "f64"] {
            let tensor = try file.tensor(name)
            #expect(tensor.shape == [2, 3] && tensor.scalars == exact, "\(name)")
        }
        // bfloat16 keeps 8 bits of mantissa: 65504 rounds to 65536.
        #expect(try file.tensor("bf16").scalars == [0, 1, -2.5, 0.15625, 65536, -0.0009765625])
        // Integers are read as entries (their sizes checked) but not converted: PyTorch's step counters.
        let counter = try #require(file.entries["i64"])
        #expect(counter.dtype == "I64" && counter.shape == [1] && counter.range == 0..<8)
    }
}
