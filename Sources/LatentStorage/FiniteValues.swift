import LatentCore

/// Refuses a tensor holding NaN or infinity, naming the file and the tensor's path in it: weights, codes or
/// features like that only turn every answer computed from them into NaN.
package func requireFinite(_ tensor: Tensor, at objectPath: String, in file: String) throws {
    guard let first = tensor.firstNonFiniteIndex else { return }
    let value = tensor.withUnsafeBufferPointer { $0[first] }
    throw LatentError(
        "\(file): \(objectPath) holds \(tensor.nonFiniteCount) of \(tensor.count) values that are not "
            + "finite (\(value)); the file is unusable")
}
