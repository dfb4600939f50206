/*
 * ckm-course (issue 14): a hand-written module-federation container with no plugins.
 *
 * RISE 0.43.1 presents a notebook in its own small JupyterLab app whose shared modules lack
 * @jupyterlab/console. The ipywidgets 8 widget manager (@jupyter-widgets/jupyterlab-manager)
 * imports that package only for the optional IConsoleTracker token, but without it the whole
 * manager fails to load and every widget shows its text fallback in the slideshow
 * (https://github.com/jupyterlab-contrib/rise/issues/119). Where no @jupyterlab/console is
 * shared, this container shares a stand-in whose IConsoleTracker token no plugin provides, so
 * the widget manager loads and treats the console tracker as absent. In JupyterLab itself the
 * real package is shared already and this file does nothing.
 */
var _JUPYTERLAB;
(_JUPYTERLAB = typeof _JUPYTERLAB === "undefined" ? {} : _JUPYTERLAB)["ckm-rise-widgets-shim"] = (function () {
  "use strict";
  var NAME = "@jupyterlab/console";
  var standIn = {
    __esModule: true,
    IConsoleTracker: { name: NAME + ":IConsoleTracker", description: "stand-in (ckm-rise-widgets-shim): never provided" }
  };
  return {
    init: function (scope) {
      if (scope && !(scope[NAME] && Object.keys(scope[NAME]).length)) {
        scope[NAME] = {
          "4.0.0": {
            get: function () { return Promise.resolve(function () { return standIn; }); },
            from: "ckm-rise-widgets-shim",
            eager: false
          }
        };
      }
      return Promise.resolve();
    },
    get: function (module) {
      return Promise.reject(new Error("ckm-rise-widgets-shim has no module " + module));
    }
  };
})();
