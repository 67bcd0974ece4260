/// The search page: upload or drop an image, see its nearest images; click one to search with it.
///
/// Plain HTML and JavaScript with no external assets, so it works without a network. Element ids
/// (`file`, `drop`, `k`, `query`, `status`, `results`) are what the browser test drives.
enum SearchPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Latent image search</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
          #drop { border: 2px dashed #888; border-radius: 8px; padding: 1.5em; text-align: center; max-width: 40em; }
          #drop.over { background: #eef; border-color: #44c; }
          #query { height: 128px; image-rendering: pixelated; display: none; margin-top: 1em; }
          #status { margin: 1em 0; min-height: 1.2em; }
          #status.error { color: #b00; }
          #results { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1em; }
          #results li { width: 140px; cursor: pointer; border: 1px solid #ddd; border-radius: 6px; padding: 6px; }
          #results li:hover { border-color: #44c; }
          #results img { width: 128px; height: 128px; object-fit: contain; image-rendering: pixelated; background: #000; }
          #results span { display: block; font-size: 12px; overflow-wrap: anywhere; }
        </style>
        </head>
        <body>
        <h1>Latent image search</h1>
        <div id="drop">
          <p>Drop an image here, or choose one: <input type="file" id="file" accept="image/png,image/jpeg,image/gif,image/bmp,image/tiff,image/webp"></p>
          <p><label>Results: <input type="number" id="k" value="5" min="1" max="100"></label></p>
          <img id="query" alt="query image">
        </div>
        <p id="status"></p>
        <ol id="results"></ol>
        <script>
        "use strict";
        const statusLine = document.getElementById("status");
        const results = document.getElementById("results");
        const query = document.getElementById("query");
        const drop = document.getElementById("drop");

        function k() { return Math.max(1, parseInt(document.getElementById("k").value, 10) || 5); }

        function say(text, isError) {
          statusLine.textContent = text;
          statusLine.className = isError ? "error" : "";
        }

        async function ask(url, options) {
          say("Searching...", false);
          try {
            const response = await fetch(url, options);
            const answer = await response.json();
            if (!response.ok) { throw new Error(answer.error || ("HTTP " + response.status)); }
            show(answer);
          } catch (error) {
            results.replaceChildren();
            say(error.message, true);
          }
        }

        function show(answer) {
          results.replaceChildren(...answer.results.map(function (match) {
            const item = document.createElement("li");
            item.className = "result";
            item.dataset.row = match.row;
            item.title = "Search with this image";
            const picture = document.createElement("img");
            picture.src = "/thumbnail/" + match.row;
            picture.alt = match.path;
            item.append(picture);
            for (const [name, text] of [["rank", "#" + match.rank], ["path", match.path], ["label", match.label],
                                        ["distance", "distance " + match.distance.toPrecision(4)]]) {
              const span = document.createElement("span");
              span.className = name;
              span.textContent = text;
              item.append(span);
            }
            item.addEventListener("click", function () { searchRow(match.row, match.path); });
            return item;
          }));
          say(answer.results.length + " most similar images in " + answer.milliseconds.toFixed(1) + " ms", false);
        }

        function searchFile(file) {
          query.src = URL.createObjectURL(file);
          query.style.display = "block";
          ask("/search?k=" + k(), { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
        }

        function searchRow(row, path) {
          query.src = "/thumbnail/" + row;
          query.alt = path;
          query.style.display = "block";
          ask("/neighbours/" + row + "?k=" + k());
        }

        document.getElementById("file").addEventListener("change", function (event) {
          if (event.target.files.length > 0) { searchFile(event.target.files[0]); }
        });
        drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("over"); });
        drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
        drop.addEventListener("drop", function (event) {
          event.preventDefault();
          drop.classList.remove("over");
          if (event.dataTransfer.files.length > 0) { searchFile(event.dataTransfer.files[0]); }
        });
        </script>
        </body>
        </html>
        """
}
