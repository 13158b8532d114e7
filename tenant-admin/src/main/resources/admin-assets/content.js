// Postline admin: the rich-text editor of the content pages (signature, template, auto-reply).
// Progressive: without this file each editor is a plain textarea of HTML. With it, the textarea
// becomes a toolbar and an editable area, and the area's HTML is written back into the textarea
// when the form is sent. Loaded as a file: the Content-Security-Policy forbids inline code.
(function () {
  'use strict';

  var DROPPED = 'script, style, iframe, frame, object, embed, link, meta, base, form, input, button, textarea, select, svg, math, template';

  // Loads HTML into the editor without running anything: parsed into a template's content (an
  // inert document: no scripts, no image loads, no events), executable elements and on*
  // attributes and javascript: URLs removed before anything enters the page. The server
  // sanitises again when saving; this protects the admin's own page meanwhile.
  function inert(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    var content = template.content;
    content.querySelectorAll(DROPPED).forEach(function (el) { el.remove(); });
    content.querySelectorAll('*').forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase();
        var value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.indexOf('on') === 0 || name === 'srcdoc' || name === 'formaction'
            || ((name === 'href' || name === 'src' || name === 'xlink:href') && !/^(https?:|mailto:|tel:|cid:|\/admin\/)/.test(value))) {
          el.removeAttribute(attr.name);
        }
      });
    });
    return content;
  }

  function enhance(wrapper) {
    var textarea = wrapper.querySelector('textarea.html-source');
    var toolbar = wrapper.querySelector('.toolbar');
    var linkInput = wrapper.querySelector('.link-target');
    var linkError = wrapper.querySelector('.link-error');
    var imageUrls = {};
    wrapper.querySelectorAll('[data-insert-image]').forEach(function (b) {
      imageUrls[b.getAttribute('data-insert-image')] = b.getAttribute('data-image-url');
    });

    var editor = document.createElement('div');
    editor.className = 'editable';
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-multiline', 'true');
    editor.setAttribute('aria-label', wrapper.querySelector('label').textContent);
    if (textarea.hasAttribute('aria-describedby')) {
      editor.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
      editor.setAttribute('aria-invalid', 'true');
    }
    textarea.parentNode.insertBefore(editor, textarea);
    toolbar.hidden = false;
    wrapper.classList.add('enhanced');
    var sourceMode = false;
    var saved = null;

    // Uploaded images are cid: in mail; in the editor they show from our own URL and go back on save.
    function load(html) {
      var body = inert(html);
      body.querySelectorAll('img[src^="cid:"]').forEach(function (img) {
        var url = imageUrls[img.getAttribute('src')];
        if (url) {
          img.setAttribute('data-cid', img.getAttribute('src'));
          img.setAttribute('src', url);
        }
      });
      editor.replaceChildren.apply(editor, Array.prototype.slice.call(body.childNodes));
    }

    function html() {
      // Copied into an inert document: changing an image's src there loads nothing.
      var copy = document.implementation.createHTMLDocument('').importNode(editor, true);
      copy.querySelectorAll('img[data-cid]').forEach(function (img) {
        img.setAttribute('src', img.getAttribute('data-cid'));
        img.removeAttribute('data-cid');
      });
      return copy.innerHTML;
    }

    function sync() {
      if (!sourceMode) { textarea.value = html(); }
    }

    load(textarea.value);
    textarea.hidden = true;

    function remember() {
      var sel = window.getSelection();
      if (sel.rangeCount && editor.contains(sel.getRangeAt(0).commonAncestorContainer)) {
        saved = sel.getRangeAt(0).cloneRange();
      }
    }
    // selectionchange is dispatched later and coalesced: when focus leaves the editor right after
    // typing (e.g. into the link field) the last caret move may never reach it. Remember the caret
    // synchronously as well, on every edit and when the editor loses focus.
    document.addEventListener('selectionchange', remember);
    editor.addEventListener('input', remember);
    editor.addEventListener('keyup', remember);
    editor.addEventListener('mouseup', remember);
    editor.addEventListener('blur', remember);

    function restore() {
      editor.focus();
      var sel = window.getSelection();
      sel.removeAllRanges();
      if (saved) {
        sel.addRange(saved);
      } else {
        var end = document.createRange();
        end.selectNodeContents(editor);
        end.collapse(false);
        sel.addRange(end);
      }
      return sel;
    }

    function insert(node) {
      var sel = restore();
      var range = sel.getRangeAt(0);
      range.deleteContents();
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
      saved = range.cloneRange();
      sync();
    }

    function fail(message) {
      linkError.textContent = message;
      linkError.hidden = !message;
    }

    function link(href, text) {
      var sel = restore();
      if (!sel.isCollapsed) {
        document.execCommand('createLink', false, href);
      } else {
        var a = document.createElement('a');
        a.setAttribute('href', href);
        a.textContent = text;
        insert(a);
      }
      sync();
    }

    toolbar.addEventListener('mousedown', function (event) {
      // Keeps the editor's selection while a toolbar button is pressed.
      if (event.target.closest('button')) { event.preventDefault(); }
    });

    toolbar.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button) { return; }
      fail('');
      var value = linkInput.value.trim();
      var command = button.getAttribute('data-command');
      if (button.hasAttribute('data-insert-variable')) {
        insert(document.createTextNode('{{' + button.getAttribute('data-insert-variable') + '}}'));
      } else if (button.hasAttribute('data-insert-image')) {
        var img = document.createElement('img');
        img.setAttribute('src', button.getAttribute('data-image-url'));
        img.setAttribute('data-cid', button.getAttribute('data-insert-image'));
        img.setAttribute('alt', '');
        insert(img);
      } else if (command === 'bold' || command === 'italic') {
        restore();
        document.execCommand(command, false, null);
        sync();
      } else if (command === 'link') {
        if (!/^(https?:\/\/|mailto:)\S+$/i.test(value)) { fail('A link needs an address starting with https://, http:// or mailto:'); return; }
        link(value, value.replace(/^mailto:/i, ''));
      } else if (command === 'tel') {
        var number = value.replace(/[\s().-]/g, '');
        if (!/^\+?[0-9]{3,20}$/.test(number)) { fail('A phone link needs a phone number, like +1 555 0100'); return; }
        link('tel:' + number, value);
      } else if (command === 'image-url') {
        if (!/^https:\/\/\S+$/i.test(value)) { fail('An image by URL needs an https:// address'); return; }
        var byUrl = document.createElement('img');
        byUrl.setAttribute('src', value);
        byUrl.setAttribute('alt', '');
        insert(byUrl);
      } else if (command === 'source') {
        sourceMode = !sourceMode;
        button.setAttribute('aria-pressed', String(sourceMode));
        if (sourceMode) {
          textarea.value = html();
        } else {
          load(textarea.value);
        }
        textarea.hidden = !sourceMode;
        editor.hidden = sourceMode;
      }
    });

    editor.addEventListener('input', sync);
    var form = wrapper.closest('form');
    form.addEventListener('submit', sync);
    // Other forms of the page (the image upload) carry the editor's draft along.
    document.querySelectorAll('form[data-carries-editor="' + textarea.name + '"]').forEach(function (other) {
      other.addEventListener('submit', function () {
        sync();
        other.querySelector('input[name="' + textarea.name + '"]').value = textarea.value;
        var active = form.querySelector('input[name=active][type=checkbox]');
        var carried = other.querySelector('input[name=active]');
        if (active && carried) { carried.value = active.checked ? 'true' : ''; }
      });
    });
  }

  document.querySelectorAll('[data-rich-editor]').forEach(enhance);
}());
