// Pagefind's UI in Chinese; loaded only on the search page. The index is built by `hysite build`.
window.addEventListener("DOMContentLoaded", function () {
  if (window.location.protocol === "file:") {
    // Browsers don't let Pagefind load its index from file://: say so instead of searching forever.
    document.getElementById("search").textContent = "从本地文件打开时无法搜索：请用网页服务器打开本站（如 python3 -m http.server -d site），或按日期、人物浏览。";
    return;
  }
  if (typeof PagefindUI === "undefined") {
    document.getElementById("search").textContent = "搜索索引尚未生成：安装 Pagefind 后重新运行 hysite build。";
    return;
  }
  var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, translations: {
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
    var box = document.getElementById("search");
    box.parentNode.insertBefore(label, box);
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
