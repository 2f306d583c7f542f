// Gantry's own initializer, served in place of the WebJar's (which points at the Petstore demo).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
