// The reviewer's page. The link's secret arrives in the URL fragment (#id=...&secret=...), which the browser sends
// to no server; the page keeps it in this browser's storage, removes it from the address bar, and sends it only in
// the X-Review-Secret header of its own requests.
(function () {
  'use strict';
  var STORE = 'review-secret:';
  var $ = function (id) { return document.getElementById(id); };
  var recordId = null;
  var secret = null;

  function fromFragment() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    var id = params.get('id');
    var given = params.get('secret');
    if (id && given) {
      try { window.localStorage.setItem(STORE + id, given); } catch (e) { /* private mode: keep it in memory */ }
      history.replaceState(null, '', window.location.pathname + '#id=' + encodeURIComponent(id));
      return { id: id, secret: given };
    }
    var stored = null;
    try { stored = id ? window.localStorage.getItem(STORE + id) : null; } catch (e) { stored = null; }
    return { id: id, secret: stored };
  }

  function say(text, isError) {
    var message = $('message');
    message.textContent = text;
    message.className = isError ? 'error' : '';
  }

  function request(method, path, body) {
    var headers = { 'X-Review-Secret': secret, 'Accept': 'application/json' };
    if (body) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!response.ok) {
            var error = new Error(json && json.message ? json.message : 'The server answered ' + response.status);
            error.status = response.status;
            throw error;
          }
          return json;
        });
      });
  }

  function term(list, name, value) {
    if (value === null || value === undefined || value === '') { return; }
    var dt = document.createElement('dt');
    dt.textContent = name;
    var dd = document.createElement('dd');
    dd.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function render(view) {
    var record = view.data;
    var req = view.request;
    document.title = 'Review: ' + req.subject;
    $('subject').textContent = req.subject;
    $('review').hidden = false;
    var status = $('status');
    status.textContent = record.status;
    status.setAttribute('data-status', record.status);
    $('actions').hidden = !view.answerable;
    var closed = $('closed');
    closed.hidden = view.answerable;
    if (!view.answerable) {
      closed.textContent = closedText(record, req);
    }

    var details = $('details');
    details.textContent = '';
    term(details, 'Requested', req.created_at);
    term(details, 'Deadline', req.deadline);
    term(details, 'Decision', req.state === 'PENDING' ? 'waiting for reviews' : req.state);
    term(details, 'Policy', req.policy === 'quorum' ? req.required_approvals + ' approvals needed' :
      req.policy === 'any' ? 'one approval is enough' : 'every reviewer must approve');
    term(details, 'State machine', req.stateMachineArn || 'not given');
    term(details, 'Execution', req.executionArn || 'not given');
    Object.keys(req.context || {}).forEach(function (key) { term(details, key, req.context[key]); });

    var reviewers = $('reviewers');
    reviewers.textContent = '';
    view.reviewers.forEach(function (r) {
      var li = document.createElement('li');
      li.textContent = r.reviewer + (r.you ? ' (you)' : '') + ': ' + r.status + (r.answered_at ? ' at ' + r.answered_at : '');
      reviewers.appendChild(li);
    });

    var others = $('others');
    others.textContent = '';
    if (view.other_pending.length === 0) {
      var none = document.createElement('li');
      none.textContent = 'None.';
      others.appendChild(none);
    }
    view.other_pending.forEach(function (o) {
      var li = document.createElement('li');
      var known = null;
      try { known = window.localStorage.getItem(STORE + o.id); } catch (e) { known = null; }
      if (known) {
        var a = document.createElement('a');
        a.href = '#id=' + encodeURIComponent(o.id);
        a.textContent = o.subject;
        a.addEventListener('click', function () { setTimeout(start, 0); });
        li.appendChild(a);
      } else {
        li.textContent = o.subject + ' (open it from its email)';
      }
      li.appendChild(document.createTextNode(' — requested ' + o.created_at));
      others.appendChild(li);
    });
  }

  function closedText(record, req) {
    if (record.status === 'EXPIRED' || req.state === 'EXPIRED') { return 'This review has expired. The review is closed.'; }
    if (record.status === 'SUCCEED') { return 'You accepted. ' + decisionText(req); }
    if (record.status === 'FAIL') { return 'You rejected. ' + decisionText(req); }
    return 'This review was decided without your answer (' + req.state + '). The review is closed.';
  }

  function decisionText(req) {
    if (req.state === 'PENDING') { return 'Waiting for the other reviewers.'; }
    return 'The review is closed: ' + req.state + '.';
  }

  function load() {
    return request('GET', '/reviews/' + encodeURIComponent(recordId)).then(function (view) {
      render(view);
      say(view.answerable ? 'Please accept or reject.' : 'Your answer is recorded.', false);
    });
  }

  function answer(value) {
    var buttons = [$('accept'), $('reject')];
    buttons.forEach(function (b) { b.disabled = true; });
    say(value === 'SUCCEED' ? 'Sending your acceptance…' : 'Sending your rejection…', false);
    request('POST', '/reviews/' + encodeURIComponent(recordId) + '/answer', { answer: value })
      .then(function (result) {
        return load().then(function () {
          say((value === 'SUCCEED' ? 'Accepted. ' : 'Rejected. ') + decisionText({ state: result.request_state }), false);
        });
      })
      .catch(function (error) {
        say(error.message, true);
        return load().catch(function () { /* keep the error */ });
      })
      .then(function () { buttons.forEach(function (b) { b.disabled = false; }); });
  }

  function start() {
    var link = fromFragment();
    recordId = link.id;
    secret = link.secret;
    if (!recordId || !secret) {
      say('This page needs the link from your review email.', true);
      return;
    }
    load().catch(function (error) { say(error.message, true); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('accept').addEventListener('click', function () { answer('SUCCEED'); });
    $('reject').addEventListener('click', function () { answer('FAIL'); });
    window.addEventListener('hashchange', start);
    start();
  });
}());
