import LatentCore

/// Refuses a tensor holding NaN or infinity, naming the file and the tensor's path in it: weights, codes or
/// features like that only turn every answer computed from them into NaN.
func requireFinite(_ tensor: Tensor, at objectPath: String, in file: String) throws {
    let values = UnsafeBufferPointer(start: tensor.pointer, count: tensor.count)
    guard let first = values.first(where: { !$0.isFinite }) else { return }
    let count = values.reduce(0) { $1.isFinite ? $0 : $0 + 1 }
    throw LatentError("\(file): \(objectPath) holds \(count) of \(tensor.count) values that are not finite (\(first)); "
                       + "the file is unusable")
}
