/*
 * Accessible names and roles for the third-party widgets of the admin (WCAG 2.1 A/AA, checked with axe-core in
 * tests/browser/test_admin_accessibility.py). Loaded with `defer` from templates/admin/base_site.html, so it runs
 * after every script of the page's media (jQuery, jQuery UI, modeltranslation, select2) and before their
 * DOMContentLoaded handlers build the widgets; later changes (inline rows added, select2 re-rendering) are
 * caught by a MutationObserver.
 *
 * Why here and not in the widgets: they belong to django-modeltranslation, jQuery UI, select2 and Django's
 * SelectFilter2; patching their files would be lost on every upgrade. What each part does:
 *
 * - modeltranslation's fi/sv/en tabs are jQuery UI tabs: the list item is the tab (role=tab, focusable, arrow
 *   keys) and holds a link that is focusable too ("nested-interactive"). The link loses its href and tabindex
 *   once jQuery UI has read them (its panel is found by aria-controls after that), so the tab is the one
 *   control, and the link says the language's full name to a screen reader ("Suomi", not "fi").
 * - Tabular inline fields have no <label> in Django's template, only a column header: they are named after
 *   their column ("label", "select-name"); the language of a translated column is added.
 * - select2's combobox is named by an empty text box ("aria-input-field-name"): it is named by the field's
 *   label and the current choice, and the search box of a multiple choice by the field's label ("label"); its
 *   "clear" cross sits in a <ul> as a non-item ("list").
 * - SelectFilter2's search icon has an aria-label without a role ("aria-prohibited-attr"): it is an image.
 * - modeltranslation's language switch beside the page title has no label ("select-name").
 */
(function () {
  "use strict";

  var script = document.getElementById("liv-admin-a11y");
  var texts = {
    languageSwitch: script ? script.getAttribute("data-language-switch") : "",
    delete: script ? script.getAttribute("data-delete") : "",
  };

  function languageName(code) {
    try {
      var name = new Intl.DisplayNames([document.documentElement.lang || code], { type: "language" }).of(code);
      return name.charAt(0).toUpperCase() + name.slice(1);
    } catch (error) {
      return code;
    }
  }

  function clean(text) {
    return (text || "").replace(/\s*\[[^\]]*\]\s*$/, "").replace(/[:*\s]+$/, "").replace(/\s+/g, " ").trim();
  }

  function uniqueId(element, prefix) {
    if (!element.id) {
      uniqueId.counter = (uniqueId.counter || 0) + 1;
      element.id = prefix + "-" + uniqueId.counter;
    }
    return element.id;
  }

  /* The language of a modeltranslation field, from its class "mt-field-<field>-<lang>". */
  function fieldLanguage(control) {
    var match = /(?:^|\s)mt-field-[^\s]*-([a-z]{2}(?:_[a-z]+)?)(?:\s|$)/.exec(control.className || "");
    return match ? match[1].replace("_", "-") : null;
  }

  /* A tabular inline control's name: its column header (th.column-<field>), or "Delete" for the DELETE box. */
  function columnName(control) {
    var table = control.closest("table");
    var name = (control.getAttribute("name") || "").split("-").pop();
    if (!table || !name) {
      return "";
    }
    if (name === "DELETE") {
      return texts.delete || "";
    }
    var header = table.querySelector("thead th.column-" + CSS.escape(name));
    if (!header) {
      return "";
    }
    var text = clean(header.textContent);
    var language = fieldLanguage(control);
    return language ? text + " (" + languageName(language) + ")" : text;
  }

  function labelFor(control) {
    return control.id ? document.querySelector('label[for="' + CSS.escape(control.id) + '"]') : null;
  }

  function hasName(control) {
    return (
      control.hasAttribute("aria-label") ||
      control.hasAttribute("aria-labelledby") ||
      control.closest("label") !== null ||
      labelFor(control) !== null
    );
  }

  function nameTabularControls(root) {
    root.querySelectorAll(".tabular td input, .tabular td select, .tabular td textarea").forEach(function (control) {
      if (control.type === "hidden" || hasName(control)) {
        return;
      }
      var name = columnName(control);
      if (name) {
        control.setAttribute("aria-label", name);
      }
    });
  }

  function nameSelect2(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") {
        return;
      }
      var label = labelFor(select);
      var name = label ? clean(label.textContent) : columnName(select);
      var combobox = container.querySelector(".select2-selection[role=combobox]");
      var rendered = container.querySelector(".select2-selection__rendered");
      if (rendered && rendered.getAttribute("role") === "textbox") {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      }
      if (combobox && container.querySelector(".select2-selection--single")) {
        if (label) {
          var ids = uniqueId(label, "liv-label") + (rendered && rendered.id ? " " + rendered.id : "");
          if (combobox.getAttribute("aria-labelledby") !== ids) {
            combobox.setAttribute("aria-labelledby", ids);
          }
        } else if (name && combobox.getAttribute("aria-label") !== name) {
          combobox.removeAttribute("aria-labelledby");
          combobox.setAttribute("aria-label", name);
        }
      }
      var search = container.querySelector(".select2-search__field");
      if (search && name && search.getAttribute("aria-label") !== name) {
        search.setAttribute("aria-label", name);
      }
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (child) {
        if (child.getAttribute("role") !== "listitem") {
          child.setAttribute("role", "listitem");
        }
      });
    });
  }

  function fixIcons(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameLanguageSwitch(root) {
    var select = root.querySelector ? root.querySelector("#modeltranslation-main-switch") : null;
    if (select && !select.hasAttribute("aria-label") && texts.languageSwitch) {
      select.setAttribute("aria-label", texts.languageSwitch);
    }
  }

  function fixAll(root) {
    nameTabularControls(root);
    nameSelect2(root);
    fixIcons(root);
    nameLanguageSwitch(root);
  }

  /* jQuery UI tabs: see the comment at the top. Extends the widget before modeltranslation creates any tab. */
  function patchTabs() {
    var $ = window.django && window.django.jQuery;
    if (!$ || !$.ui || !$.ui.tabs || $.ui.tabs.prototype.livAccessible) {
      return;
    }
    $.widget("ui.tabs", $.ui.tabs, {
      livAccessible: true,
      _processTabs: function () {
        this.element.find("a[data-liv-href]").each(function () {
          this.setAttribute("href", this.getAttribute("data-liv-href"));
          this.removeAttribute("data-liv-href");
        });
        this._super();
        this.anchors.each(function () {
          this.setAttribute("data-liv-href", this.getAttribute("href"));
          this.removeAttribute("href");
          this.removeAttribute("tabindex");
          var code = this.textContent.trim();
          if (this.title && !this.querySelector(".liv-visually-hidden")) {
            var short = document.createElement("span");
            short.setAttribute("aria-hidden", "true");
            short.textContent = code;
            var full = document.createElement("span");
            full.className = "liv-visually-hidden";
            full.textContent = this.title;
            this.textContent = "";
            this.appendChild(short);
            this.appendChild(full);
            this.removeAttribute("title");
          }
        });
      },
      // Every tab of ours is a panel on the page: nothing is loaded (jQuery UI would read the removed href).
      load: function (index, event) {
        var anchor = this.tabs.eq(this._getIndex(index)).find(".ui-tabs-anchor")[0];
        if (anchor && !anchor.hasAttribute("href")) {
          return this;
        }
        return this._super(index, event);
      },
    });
  }

  patchTabs();
  fixAll(document);
  document.addEventListener("DOMContentLoaded", function () {
    fixAll(document);
  });
  window.addEventListener("load", function () {
    fixAll(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) {
        return;
      }
      pending = true;
      // One pass per burst of changes, before the next paint.
      window.requestAnimationFrame(function () {
        pending = false;
        fixAll(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
