extension LayerSpec {
    /// The dotted paths of every descendant layer the description builds, depth first, as `Layer.layerPaths` gives
    /// them once built.
    public var layerPaths: [String] {
        children.flatMap { child in [child.name] + child.layer.layerPaths.map { child.name + "." + $0 } }
    }
}
