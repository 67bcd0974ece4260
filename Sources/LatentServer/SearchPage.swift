/// The search page: upload or drop an image, see its nearest images; click one to search with it; browse the collection.
///
/// Plain HTML and JavaScript with no external assets, so it works without a network. A search by a collection image
/// (`?image=ROW&k=K`) and a page of the collection (`?page=N`) live in the address, so Back, Forward and bookmarks
/// reach them; a search by an uploaded file cannot. Element ids (`file`, `drop`, `k`, `query`, `status`, `results`,
/// `count`, `browse`, `pager`, `previous`, `next`) are what the browser test drives.
enum SearchPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Latent image search</title>
        <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='6.5' cy='6.5' r='4.5' fill='none' stroke='%2344c' stroke-width='2'/%3E%3Cpath d='M10 10l5 5' stroke='%2344c' stroke-width='2'/%3E%3C/svg%3E">
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
        <p><span id="count"></span> <button id="browse" type="button">Browse the collection</button></p>
        <div id="drop">
          <p>Drop an image here, or choose one: <input type="file" id="file" accept="image/png,image/jpeg,image/gif,image/bmp,image/tiff,image/webp"></p>
          <p><label>Results: <input type="number" id="k" value="5" min="1" max="100"></label></p>
          <img id="query" alt="query image">
        </div>
        <p id="status"></p>
        <ol id="results"></ol>
        <p id="pager" hidden>
          <button id="previous" type="button">Previous</button> <span id="page"></span>
          <button id="next" type="button">Next</button>
        </p>
        <script>
        "use strict";
        const statusLine = document.getElementById("status");
        const results = document.getElementById("results");
        const query = document.getElementById("query");
        const drop = document.getElementById("drop");
        const fileInput = document.getElementById("file");
        const kInput = document.getElementById("k");
        const pager = document.getElementById("pager");
        const pageSize = 24;
        // Only the newest request may draw: Back and Forward can start one before the last has answered.
        let latest = 0;
        // Whether the server has the photos' folder, so that each result links its original photo.
        let originals = false;

        function k() { return Math.max(1, parseInt(kInput.value, 10) || 5); }

        function say(text, isError) {
          statusLine.textContent = text;
          statusLine.className = isError ? "error" : "";
        }

        function showQuery(source, description) {
          query.src = source;
          query.alt = description;
          query.style.display = "block";
        }

        function hideQuery() {
          query.style.display = "none";
          query.removeAttribute("src");
        }

        // A file that is not an image cannot be drawn: hide it rather than show a broken-image icon.
        query.addEventListener("error", hideQuery);

        async function ask(url, options, draw) {
          const mine = ++latest;
          say("Searching...", false);
          try {
            const response = await fetch(url, options);
            const answer = await response.json();
            if (!response.ok) { throw new Error(answer.error || ("HTTP " + response.status)); }
            if (mine === latest) { draw(answer); }
          } catch (error) {
            if (mine !== latest) { return; }
            results.replaceChildren();
            pager.hidden = true;
            hideQuery();
            say(error.message, true);
          }
        }

        // Puts a search or a page in the address bar, so that Back, Forward, bookmarks and links reach it again.
        function remember(parameters) {
          const search = new URLSearchParams(parameters).toString();
          const address = location.pathname + (search ? "?" + search : "");
          if (address !== location.pathname + location.search) { history.pushState(null, "", address); }
        }

        function item(match, fields) {
          const entry = document.createElement("li");
          entry.className = "result";
          entry.dataset.row = match.row;
          entry.title = "Search with this image";
          const picture = document.createElement("img");
          picture.src = "/thumbnail/" + match.row;
          picture.alt = match.path;
          entry.append(picture);
          for (const [name, text] of fields) {
            const span = document.createElement("span");
            span.className = name;
            span.textContent = text;
            entry.append(span);
          }
          if (originals) {
            const link = document.createElement("a");
            link.className = "original";
            link.href = "/original/" + match.row;
            link.target = "_blank";
            link.textContent = "original photo";
            // The link opens the photo; a click elsewhere on the result searches with it.
            link.addEventListener("click", function (event) { event.stopPropagation(); });
            entry.append(link);
          }
          entry.addEventListener("click", function () { searchRow(match.row, false); });
          return entry;
        }

        function show(answer, note) {
          pager.hidden = true;
          results.replaceChildren(...answer.results.map(function (match) {
            const entry = item(match, [["rank", "#" + match.rank], ["path", match.path], ["label", match.label],
                                       ["distance", "distance " + match.distance.toPrecision(4)]]);
            if (match.copies.length > 0) {
              // Files holding the same image are one result: the count shows, the paths are in the tooltip.
              const copies = document.createElement("span");
              copies.className = "copies";
              copies.textContent = "+" + match.copies.length + " identical";
              copies.title = match.copies.join(", ");
              entry.append(copies);
            }
            return entry;
          }));
          say(answer.results.length + " most similar images in " + answer.milliseconds.toFixed(1) + " ms" + note, false);
        }

        function searchFile(file) {
          // An upload lives only in this page: the address goes back to the page's own, and the status says why.
          remember({});
          showQuery(URL.createObjectURL(file), file.name);
          ask("/search?k=" + k(), { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } },
              function (answer) { show(answer, " (a search by an uploaded file has no address to share)"); });
        }

        function searchRow(row, fromAddress) {
          fileInput.value = "";
          if (!fromAddress) { remember({ image: row, k: k() }); }
          showQuery("/thumbnail/" + encodeURIComponent(row), "image " + row);
          ask("/neighbours/" + encodeURIComponent(row) + "?k=" + k(), undefined, function (answer) { show(answer, ""); });
        }

        function browse(page, fromAddress) {
          fileInput.value = "";
          hideQuery();
          if (!fromAddress) { remember({ page: page }); }
          ask("/browse?offset=" + (page - 1) * pageSize + "&limit=" + pageSize, undefined, function (answer) {
            results.replaceChildren(...answer.results.map(function (image) {
              return item(image, [["path", image.path], ["label", image.label]]);
            }));
            const pages = Math.ceil(answer.total / pageSize);
            document.getElementById("previous").disabled = page <= 1;
            document.getElementById("next").disabled = page >= pages;
            document.getElementById("page").textContent = "page " + page + " of " + pages;
            pager.hidden = false;
            say("Images " + (answer.offset + 1) + " to " + (answer.offset + answer.results.length) + " of " +
                answer.total, false);
            pager.dataset.page = page;
          });
        }

        // Shows what the address names: a search by a collection image, a page of the collection, or nothing.
        function followAddress() {
          const parameters = new URLSearchParams(location.search);
          if (parameters.has("k")) { kInput.value = parameters.get("k"); }
          if (parameters.has("image")) {
            searchRow(parameters.get("image"), true);
          } else if (parameters.has("page")) {
            browse(Math.max(1, parseInt(parameters.get("page"), 10) || 1), true);
          } else {
            latest++;
            results.replaceChildren();
            pager.hidden = true;
            hideQuery();
            say("", false);
          }
        }

        fileInput.addEventListener("change", function (event) {
          if (event.target.files.length > 0) { searchFile(event.target.files[0]); }
        });
        drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("over"); });
        drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
        drop.addEventListener("drop", function (event) {
          event.preventDefault();
          drop.classList.remove("over");
          if (event.dataTransfer.files.length > 0) { searchFile(event.dataTransfer.files[0]); }
        });
        document.getElementById("browse").addEventListener("click", function () { browse(1, false); });
        document.getElementById("previous").addEventListener("click", function () {
          browse(parseInt(pager.dataset.page, 10) - 1, false);
        });
        document.getElementById("next").addEventListener("click", function () {
          browse(parseInt(pager.dataset.page, 10) + 1, false);
        });
        window.addEventListener("popstate", followAddress);
        fetch("/health").then(function (response) { return response.json(); }).then(function (health) {
          document.getElementById("count").textContent = health.images + " images in the index";
          originals = health.originals;
        }).catch(function () {}).then(followAddress);
        </script>
        </body>
        </html>
        """
}
