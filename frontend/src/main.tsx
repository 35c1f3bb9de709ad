import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "krds-uiux/resources/css/common/common.css";
import "krds-uiux/resources/css/component/component.css";
import "./styles/fonts.css";
import "./styles/app.css";
import { App } from "./App";
import { createServices } from "./app/services";

const services = createServices();
const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
