// Pagefind's UI in Chinese; loaded only on the search page. `hysite build` writes one Pagefind index per year
// (pagefind/2023/, …, pagefind/undated/) and lists them in the page's year menu (#search-year), newest first.
// "全部年份" searches the newest year's index merged with every other year's (Pagefind's mergeIndex: results
// from all years ranked together); picking a year reloads the page with ?year=… and searches that index alone.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (window.location.protocol === "file:") {
    // Browsers don't let Pagefind load its index from file://: say so instead of searching forever.
    box.textContent = "从本地文件打开时无法搜索：请用网页服务器打开本站（如 python3 -m http.server -d site），或按日期、人物浏览。";
    return;
  }
  var menu = document.getElementById("search-year");
  if (typeof PagefindUI === "undefined" || !menu) {
    box.textContent = "搜索索引尚未生成：安装 Pagefind 后重新运行 hysite build。";
    return;
  }
  // Each year's index as a path from the server's root, which is what Pagefind wants as a bundle path.
  var years = Array.prototype.slice.call(menu.options).filter(function (o) { return o.value; }).map(function (o) {
    return { key: o.value, bundle: new URL(o.getAttribute("data-bundle"), document.baseURI).pathname };
  });
  var params = new URLSearchParams(window.location.search);
  var chosen = years.filter(function (y) { return y.key === params.get("year"); })[0];
  menu.value = chosen ? chosen.key : "";
  var first = chosen || years[0];
  var others = chosen ? [] : years.slice(1);
  var ui = new PagefindUI({ element: "#search", bundlePath: first.bundle, showSubResults: true, showImages: false,
    mergeIndex: others.map(function (y) { return { bundlePath: y.bundle }; }),
    translations: {
      placeholder: "搜索报道、人物……", clear_search: "清除", load_more: "加载更多结果",
      search_label: "搜索本站", filters_label: "筛选", zero_results: "没有找到与 [SEARCH_TERM] 相关的报道",
      many_results: "找到 [COUNT] 篇与 [SEARCH_TERM] 相关的报道", one_result: "找到 [COUNT] 篇与 [SEARCH_TERM] 相关的报道",
      alt_search: "没有找到 [SEARCH_TERM]，以下是 [DIFFERENT_TERM] 的结果", search_suggestion: "没有找到 [SEARCH_TERM]，试试：",
      searching: "正在搜索 [SEARCH_TERM]……" } });
  // Pagefind's input is named only by its title attribute: give it a real, visible <label>.
  var input = document.querySelector("#search input.pagefind-ui__search-input");
  if (input) {
    input.id = "search-input";
    var label = document.createElement("label");
    label.htmlFor = "search-input";
    label.className = "search-label";
    label.textContent = "搜索报道、人物";
    box.parentNode.insertBefore(label, box);
  }
  // Another year: reload with ?year=… (or without it for all years), keeping what was typed.
  menu.addEventListener("change", function () {
    var next = new URLSearchParams();
    var input = box.querySelector("input");
    var q = input ? input.value.trim() : (params.get("q") || "");
    if (q) { next.set("q", q); }
    if (menu.value) { next.set("year", menu.value); }
    var query = next.toString();
    window.location.search = query ? "?" + query : "";
  });
  document.getElementById("search-years").addEventListener("submit", function (e) { e.preventDefault(); });
  var q = params.get("q");
  if (q) { ui.triggerSearch(q); }
});
