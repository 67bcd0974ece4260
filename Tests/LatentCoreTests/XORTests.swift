import LatentCore
import Testing

/// The classic problem a linear model cannot solve: a two-layer network must.
@Test func twoLayerNetworkLearnsXOR() {
    var generator = SeededGenerator(seed: 1)
    let x = Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
    let target = Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])
    let w1 = Tensor.xavierUniform([8, 2], fanIn: 2, fanOut: 8, using: &generator)
    let b1 = Tensor(zeros: [8], requiresGrad: true)
    let w2 = Tensor.xavierUniform([1, 8], fanIn: 8, fanOut: 1, using: &generator)
    let b2 = Tensor(zeros: [1], requiresGrad: true)
    let parameters = [w1, b1, w2, b2]

    var loss: Float = 1
    for _ in 0..<2000 {
        let hidden = Tensor.linear(x, weight: w1, bias: b1).tanh()
        let prediction = Tensor.linear(hidden, weight: w2, bias: b2).sigmoid()
        let error = (prediction - target).pow(2).mean()
        for parameter in parameters { parameter.zeroGrad() }
        error.backward()
        for parameter in parameters { parameter.addInPlace(parameter.grad!, scale: -2) }
        loss = error.item
    }
    let hidden = Tensor.linear(x, weight: w1, bias: b1).tanh()
    let prediction = Tensor.linear(hidden, weight: w2, bias: b2).sigmoid().scalars
    #expect(loss < 0.01)
    #expect(prediction.map { $0 > 0.5 ? Float(1) : 0 } == [0, 1, 1, 0])
}
