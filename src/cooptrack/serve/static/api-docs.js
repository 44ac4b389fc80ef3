// cooptrack: starts Swagger UI on /api/docs (a file of its own, so that the page needs no inline script).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui", deepLinking: true });
})();
