/// What one request may cost the service: the bytes of an upload, its time, the results it asks for.
public struct SearchLimits: Sendable {
    /// The largest request body accepted; larger uploads get 413 before more of them is read.
    public var uploadBytes: Int
    /// Time for a request to arrive, from its head to the last byte of its body; a slower upload gets 408.
    public var requestSeconds: Double
    /// The most neighbours one request may ask for.
    public var largestK: Int

    public init(uploadBytes: Int = 10 << 20, requestSeconds: Double = 10, largestK: Int = 100) {
        self.uploadBytes = uploadBytes
        self.requestSeconds = requestSeconds
        self.largestK = largestK
    }
}
