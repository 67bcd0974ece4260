"""P3, P4 and P5 in JAX, the same models, data, batches and epochs as torch_protocols.py (runs where jax is installed).

The whole training step (forward, backward, optax's Adam) is one function under `jax.jit`; the images stay on the
device and each step gathers its rows there. XLA's CPU runtime flushes denormals to zero on its own threads.
Usage: jax_protocols.py [--only P3,P4,P5,P7] [--epochs N] [--data-dir DIR] [--crops FILE]
P7 runs when --crops names the file `latent bench photo-ae` wrote (h5py reads it).
"""
import math
import os
import resource
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

from common import arguments, emit, load, load_crops, log, median_seconds, retrieval_figures

args = arguments(__doc__, extra=[("--only", {"default": "P3,P4,P5", "help": "comma-separated protocols to run"}),
                                 ("--crops", {})])
wanted = set(args.only.split(",")) | ({"P7"} if args.crops else set())
train, train_labels, test, test_labels = load(args.data_dir)
# XLA's CPU thread pool has one thread per core it may run on: two on this machine, as on every side.
common = {"library": f"jax {jax.__version__} (XLA CPU, jit)", "threads": len(os.sched_getaffinity(0)), "blas": "XLA CPU (Eigen)",
          "seed": args.seed, "dataset": "fashion-mnist"}
x_train, x_test = jnp.asarray(train), jnp.asarray(test)
y_train = jnp.asarray(train_labels)
key = jax.random.PRNGKey(args.seed)


def uniform(shape, fan_in):
    """PyTorch's default initialisation for weights and biases alike: U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    global key
    key, sub = jax.random.split(key)
    bound = 1 / math.sqrt(fan_in)
    return jax.random.uniform(sub, shape, jnp.float32, -bound, bound)


def linear(inputs, outputs):
    return {"w": uniform((inputs, outputs), inputs), "b": uniform((outputs,), inputs)}


def conv(inputs, outputs, size=3):
    fan_in = inputs * size * size
    return {"w": uniform((outputs, inputs, size, size), fan_in), "b": uniform((outputs,), fan_in)}


def dense(p, x):
    return x @ p["w"] + p["b"]


def convolve(p, x, stride=1):
    y = jax.lax.conv_general_dilated(x, p["w"], (stride, stride), ((1, 1), (1, 1)),
                                     dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return y + p["b"][None, :, None, None]


def transposed(p, x):
    """ConvTranspose2d(kernel 3, stride 2, padding 1, output_padding 1): the input dilated by 2, padded (1, 2)."""
    y = jax.lax.conv_general_dilated(x, p["w"], (1, 1), ((1, 2), (1, 2)), lhs_dilation=(2, 2),
                                     dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return y + p["b"][None, :, None, None]


def max_pool(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")


relu = jax.nn.relu


def train_epochs(params, loss_of, images, epochs, batch=128):
    """Adam 1e-3 over shuffled mini-batches; returns (params, median samples/s after the first epoch, loss per epoch)."""
    optimizer = optax.adam(1e-3, b1=0.9, b2=0.999, eps=1e-8)
    state = optimizer.init(params)

    @jax.jit
    def step(params, state, rows):
        loss, grads = jax.value_and_grad(loss_of)(params, rows)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    generator = np.random.default_rng(args.seed)
    rates, losses = [], []
    for epoch in range(epochs):
        order = generator.permutation(images)
        total = 0.0
        start = time.perf_counter()
        for i in range(0, images, batch):
            rows = jnp.asarray(order[i:i + batch])
            params, state, loss = step(params, state, rows)
            total += float(loss) * len(rows)  # waits for the step, as PyTorch's float(loss) does
        rates.append(images / (time.perf_counter() - start))
        losses.append(total / images)
        log(f"  epoch {epoch + 1}/{epochs}: loss {losses[-1]:.5f}, {rates[-1]:.0f} samples/s")
    return params, float(np.median(rates[1:] if len(rates) > 1 else rates)), losses


def in_chunks(function, images, rows=2000):
    return jnp.concatenate([function(images[i:i + rows]) for i in range(0, len(images), rows)])


def nearest_100(codes_test, codes_train):
    """The 100 nearest train codes of each test code by L2 distance, as torch.cdist + topk finds them."""
    squared_train = jnp.sum(codes_train ** 2, axis=1)

    @jax.jit
    def chunk(queries):
        distances = squared_train[None, :] - 2 * queries @ codes_train.T
        return jax.lax.top_k(-distances, 100)[1]

    return np.asarray(in_chunks(chunk, codes_test, 500))


def autoencoder(name, params, encode, decode):
    epochs = args.epochs or 10

    def loss_of(p, rows):
        x = x_train[rows]
        return jnp.mean((decode(p, encode(p, x)) - x) ** 2)

    params, rate, losses = train_epochs(params, loss_of, len(train), epochs)
    encoder = jax.jit(lambda x: encode(params, x))
    encoder(x_test).block_until_ready()
    start = time.perf_counter()
    codes_test = encoder(x_test).block_until_ready()
    encode_rate = len(test) / (time.perf_counter() - start)
    mse = float(jnp.mean((jax.jit(lambda c: decode(params, c))(codes_test) - x_test) ** 2))
    codes_train = in_chunks(encoder, x_train)
    figures = retrieval_figures(nearest_100(codes_test, codes_train), train_labels, test_labels)
    log(f"jax {name}: {rate:.0f} samples/s, test MSE {mse:.5f}")
    emit({"protocol": name, **common, "epochs": epochs, "train_samples_per_second": rate,
          "encode_samples_per_second": encode_rate, "test_mse": mse, "precision_at_10": figures[0],
          "one_nn_accuracy": figures[1], "map_at_100": figures[2], "train_loss_per_epoch": losses})


if "P3" in wanted:
    sizes = [784, 512, 128, 32, 128, 512, 784]
    layers = [linear(a, b) for a, b in zip(sizes, sizes[1:])]

    def encode(p, x):
        return dense(p[2], relu(dense(p[1], relu(dense(p[0], x)))))

    def decode(p, c):
        return jax.nn.sigmoid(dense(p[5], relu(dense(p[4], relu(dense(p[3], c))))))

    autoencoder("P3", layers, encode, decode)

def conv_autoencoder(channels, side, code):
    """P4's and P7's model: two stride-2 convolutions and a linear code, mirrored by transposed convolutions."""
    quarter = side // 4
    flat = 32 * quarter * quarter
    layers = [conv(channels, 16), conv(16, 32), linear(flat, code), linear(code, flat), conv(32, 16), conv(16, channels)]

    def encode(p, x):
        x = relu(convolve(p[0], x.reshape(-1, channels, side, side), 2))
        return dense(p[2], relu(convolve(p[1], x, 2)).reshape(-1, flat))

    def decode(p, c):
        x = relu(dense(p[3], c)).reshape(-1, 32, quarter, quarter)
        return jax.nn.sigmoid(transposed(p[5], relu(transposed(p[4], x)))).reshape(-1, channels * side * side)

    return layers, encode, decode


if "P4" in wanted:
    autoencoder("P4", *conv_autoencoder(1, 28, 32))

if "P5" in wanted:
    params = [conv(1, 32), conv(32, 64), linear(3136, 128), linear(128, 10)]

    def logits(p, x):
        x = max_pool(relu(convolve(p[0], x.reshape(-1, 1, 28, 28))))
        x = max_pool(relu(convolve(p[1], x))).reshape(-1, 3136)
        return dense(p[3], relu(dense(p[2], x)))

    def loss_of(p, rows):
        return jnp.mean(optax.softmax_cross_entropy_with_integer_labels(logits(p, x_train[rows]), y_train[rows]))

    epochs = args.epochs or 5
    params, rate, losses = train_epochs(params, loss_of, len(train), epochs)
    predict = jax.jit(lambda x: jnp.argmax(logits(params, x), axis=1))
    test_accuracy = float(np.mean(np.asarray(in_chunks(predict, x_test)) == test_labels))
    log(f"jax P5: {rate:.0f} samples/s, test accuracy {test_accuracy:.4f}")
    emit({"protocol": "P5", **common, "epochs": epochs, "test_accuracy": test_accuracy, "train_samples_per_second": rate,
          "train_loss_per_epoch": losses})

if "P7" in wanted and args.crops:
    photos, held_out = (jnp.asarray(a) for a in load_crops(args.crops))
    params, encode, decode = conv_autoencoder(3, 64, 64)

    def loss_of(p, rows):
        x = photos[rows]
        return jnp.mean((decode(p, encode(p, x)) - x) ** 2)

    epochs = args.epochs or 3
    params, rate, losses = train_epochs(params, loss_of, len(photos), epochs, batch=64)
    encoder = jax.jit(lambda x: encode(params, x))
    single = held_out[:500]
    batch_one = median_seconds(args.repetitions,
                               lambda: [encoder(single[i:i + 1]).block_until_ready() for i in range(len(single))])
    batched = median_seconds(args.repetitions, lambda: [encoder(held_out[i:i + 256]).block_until_ready()
                                                        for i in range(0, len(held_out), 256)])
    mse = float(jnp.mean((jax.jit(lambda x: decode(params, encode(params, x)))(held_out) - held_out) ** 2))
    log(f"jax P7: {rate:.0f} samples/s, test MSE {mse:.5f}")
    emit({"protocol": "P7", **common, "dataset": "p7-photos", "epochs": epochs, "train_samples_per_second": rate,
          "encode_batch1_images_per_second": len(single) / batch_one,
          "encode_batch256_images_per_second": len(held_out) / batched, "test_mse": mse,
          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "train_loss_per_epoch": losses})
