/* 진로로드맵 self-check (/roadmap/). Everything happens in this browser: the answers live
 * only in the address after "#", the data is embedded in the page, and nothing is requested
 * or sent after load. score() is the twin of eduhub/roadmap/scoring.py (tests/roadmap_vectors.json).
 */
(function () {
  "use strict";

  var CODES = { "2": "like", "1": "neutral", "0": "dislike" };
  var CODE_OF = { like: "2", neutral: "1", dislike: "0" };
  var VERSION = "1";
  var STORE_KEY = "eduhub-roadmap";

  /* ---- pure part (tested with the shared vectors) ---- */

  function score(data, input) {
    var order = data.typeOrder;
    var w = data.weights;
    var scores = {};
    var likes = {};
    order.forEach(function (t) { scores[t] = 0; likes[t] = 0; });
    var points = { like: w.like, neutral: w.neutral, dislike: w.dislike };
    data.statements.forEach(function (s, i) {
      var a = input.answers[i];
      if (!a) return;
      scores[s.type] += points[a];
      if (a === "like") likes[s.type] += 1;
    });
    var subjects = {};
    data.subjects.forEach(function (s) { subjects[s.id] = s.types; });
    [[input.favourites || [], w.favourite], [input.least || [], w.least]].forEach(function (pair) {
      pair[0].slice(0, w.maxSubjects).forEach(function (id) {
        (subjects[id] || []).forEach(function (t) { scores[t] += pair[1]; });
      });
    });
    var ranked = order.slice().sort(function (a, b) {
      return (scores[b] - scores[a]) || (likes[b] - likes[a]) || (order.indexOf(a) - order.indexOf(b));
    });
    var best = ranked.slice(0, 2);
    if (scores[ranked[2]] >= scores[ranked[1]] - data.thirdMargin) best = ranked.slice(0, 3);
    return { scores: scores, likes: likes, ranked: ranked, best: best };
  }

  function encode(input) {
    var parts = ["v=" + VERSION, "a=" + input.answers.map(function (a) { return a ? CODE_OF[a] : "-"; }).join("")];
    if (input.favourites && input.favourites.length) parts.push("f=" + input.favourites.join("."));
    if (input.least && input.least.length) parts.push("l=" + input.least.join("."));
    if (input.level) parts.push("g=" + input.level);
    return parts.join("&");
  }

  function decode(fragment, statementCount, subjectIds, levels) {
    var fields = {};
    fragment.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i < 0) fields[part] = "";
      else fields[part.slice(0, i)] = part.slice(i + 1);
    });
    if (fields.v !== VERSION) return null;
    var codes = fields.a || "";
    if (codes.length !== statementCount || /[^210-]/.test(codes)) return null;
    function subjects(key) {
      var seen = [];
      (fields[key] || "").split(".").forEach(function (s) {
        if (subjectIds.indexOf(s) >= 0 && seen.indexOf(s) < 0) seen.push(s);
      });
      return seen;
    }
    var favourites = subjects("f");
    var least = subjects("l").filter(function (s) { return favourites.indexOf(s) < 0; });
    var level = fields.g;
    return {
      answers: codes.split("").map(function (c) { return CODES[c] || null; }),
      favourites: favourites,
      least: least,
      level: levels.indexOf(level) >= 0 ? level : null,
    };
  }

  function schoolYear(today) {
    return today.getMonth() + 1 >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  }

  function curriculum(level, today, from2022) {
    var year = schoolYear(today);
    var entry = level === "m3" ? year + 1 : year - (Number(level.charAt(1)) - 1);
    return entry >= from2022 ? "2022" : "2015";
  }

  var api = { score: score, encode: encode, decode: decode, curriculum: curriculum };
  window.eduhubRoadmap = api;

  /* ---- page part ---- */

  var root = document.getElementById("eduhub-roadmap");
  var dataNode = document.getElementById("eduhub-roadmap-data");
  if (!root || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var base = root.getAttribute("data-base") || "";
  var form = document.getElementById("eduhub-rm-form");
  var result = document.getElementById("eduhub-rm-result");
  var live = document.getElementById("eduhub-rm-live");
  var steps = Array.prototype.slice.call(form.querySelectorAll(".eduhub-rm-step"));
  var progress = document.getElementById("eduhub-rm-progress");
  var progressText = document.getElementById("eduhub-rm-progress-text");
  var hint = document.getElementById("eduhub-rm-hint");
  var backButton = form.querySelector("[data-rm=back]");
  var nextButton = form.querySelector("[data-rm=next]");
  var finishButton = form.querySelector("[data-rm=finish]");
  var types = {};
  data.types.forEach(function (t) { types[t.id] = t; });
  var subjectIds = data.subjects.map(function (s) { return s.id; });
  var levelIds = Object.keys(data.levels);
  var current = 0;

  root.classList.add("eduhub-rm--js");
  form.hidden = false;

  function today() {
    var now = new Date();
    return isNaN(now.getTime()) ? new Date(data.buildDate + "T12:00:00") : now;
  }

  function url(path) {
    return /^https?:/.test(path) ? path : base + path;
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child == null || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function link(href, text, external) {
    var a = el("a", { href: url(href), text: text });
    if (external) a.setAttribute("rel", "noopener");
    return a;
  }

  function joined(nodes, sep) {
    var span = el("span");
    nodes.forEach(function (n, i) {
      if (i) span.appendChild(document.createTextNode(sep || ", "));
      span.appendChild(n);
    });
    return span;
  }

  function course(name) {
    return el("span", { class: "eduhub-rm-course", text: name });
  }

  /* form state */

  function readForm() {
    var answers = data.statements.map(function (s, i) {
      var checked = form.querySelector("input[name=q" + i + "]:checked");
      return checked ? CODES[checked.value] : null;
    });
    function boxes(name) {
      return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (i) { return i.value; });
    }
    var level = form.querySelector("input[name=g]:checked");
    return { answers: answers, favourites: boxes("f"), least: boxes("l"), level: level ? level.value : null };
  }

  function fillForm(input) {
    form.reset();
    input.answers.forEach(function (a, i) {
      if (!a) return;
      var box = form.querySelector("input[name=q" + i + "][value='" + CODE_OF[a] + "']");
      if (box) box.checked = true;
    });
    ["f", "l"].forEach(function (name) {
      (name === "f" ? input.favourites : input.least).forEach(function (id) {
        var box = form.querySelector("input[name=" + name + "][value='" + id + "']");
        if (box) box.checked = true;
      });
    });
    if (input.level) {
      var radio = form.querySelector("input[name=g][value='" + input.level + "']");
      if (radio) radio.checked = true;
    }
    limitSubjects();
  }

  function limitSubjects() {
    var max = data.weights.maxSubjects;
    ["f", "l"].forEach(function (name) {
      var other = name === "f" ? "l" : "f";
      var chosen = form.querySelectorAll("input[name=" + name + "]:checked").length;
      Array.prototype.forEach.call(form.querySelectorAll("input[name=" + name + "]"), function (box) {
        var inOther = form.querySelector("input[name=" + other + "][value='" + box.value + "']:checked");
        box.disabled = !box.checked && (chosen >= max || !!inOther);
      });
    });
  }

  function showStep(index, focus) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (s, i) { s.hidden = i !== current; });
    backButton.hidden = current === 0;
    nextButton.hidden = current === steps.length - 1;
    finishButton.hidden = current !== steps.length - 1;
    updateProgress();
    hint.textContent = "";
    if (focus) {
      var heading = steps[current].querySelector("h3");
      if (heading) heading.focus();
    }
  }

  function updateProgress() {
    var input = readForm();
    var answered = input.answers.filter(Boolean).length;
    progress.value = answered;
    progressText.textContent = (current + 1) + "단계 / " + steps.length + "단계 · 답한 문장 " + answered + " / " + input.answers.length;
  }

  function unanswered(stepIndex) {
    return Array.prototype.filter.call(steps[stepIndex].querySelectorAll("fieldset"), function (fs) {
      var radios = fs.querySelectorAll("input[type=radio]");
      return radios.length && !fs.querySelector("input:checked");
    }).length;
  }

  /* result */

  function renderChart(res) {
    var NS = "http://www.w3.org/2000/svg";
    var order = data.typeOrder;
    var max = Math.max(1, Math.max.apply(null, order.map(function (t) { return res.scores[t]; })));
    var rowH = 28;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 320 " + (order.length * rowH + 4));
    svg.setAttribute("class", "eduhub-rm-chart");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    order.forEach(function (t, i) {
      var y = i * rowH + 4;
      var value = res.scores[t];
      var width = Math.max(0, value) / max * 190;
      var label = document.createElementNS(NS, "text");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(y + 17));
      label.textContent = types[t].name;
      var bar = document.createElementNS(NS, "rect");
      bar.setAttribute("x", "70");
      bar.setAttribute("y", String(y + 3));
      bar.setAttribute("height", "18");
      bar.setAttribute("width", String(Math.max(width, 2)));
      bar.setAttribute("rx", "3");
      bar.setAttribute("class", res.best.indexOf(t) >= 0 ? "eduhub-rm-bar eduhub-rm-bar--best" : "eduhub-rm-bar");
      var num = document.createElementNS(NS, "text");
      num.setAttribute("x", String(70 + Math.max(width, 2) + 6));
      num.setAttribute("y", String(y + 17));
      num.textContent = value + "점";
      svg.appendChild(label);
      svg.appendChild(bar);
      svg.appendChild(num);
    });
    return svg;
  }

  function upcoming(programs, audience, categories, limit) {
    var now = today().getTime();
    return data.events.filter(function (e) {
      if (e.ends && new Date(e.ends).getTime() <= now) return false;
      if (e.audience.indexOf(audience) < 0) return false;
      return programs.indexOf(e.program) >= 0 || (categories || []).indexOf(e.category) >= 0;
    }).slice(0, limit);
  }

  function eventList(events) {
    return el("ul", {}, ...events.map(function (e) {
      return el("li", {}, link(e.url, e.title), " (" + e.when + ")");
    }));
  }

  function guidanceBlock(ids) {
    var box = el("div");
    ids.forEach(function (id) {
      var g = data.guidance[id];
      if (!g) return;
      box.appendChild(el("p", {}, el("strong", { text: g.university + " " + g.title }), " (" + g.applies + "; 출처: " + g.source + ")"));
      if (g.categories.length) {
        box.appendChild(el("ul", {}, ...g.categories.map(function (c) {
          return el("li", {}, g.university + "의 ‘" + c.name + "’(" + c.meaning + "): ", joined(c.courses.map(course)));
        })));
      }
      if (g.note) box.appendChild(el("p", { text: g.note }));
    });
    return box;
  }

  function render(input, announce) {
    var res = score(data, input);
    var level = input.level || "h1";
    var audience = data.levelAudience[level];
    var cur = curriculum(level, today(), data.from2022);
    var best = res.best.map(function (t) { return types[t]; });
    var names = best.map(function (t) { return t.name; });
    result.textContent = "";

    var shareUrl = location.href.split("#")[0] + "#" + encode(input);
    result.appendChild(el("h2", { id: "eduhub-rm-result-title", text: "나의 진로로드맵 결과" }));
    result.setAttribute("aria-labelledby", "eduhub-rm-result-title");
    result.appendChild(el("p", { class: "eduhub-rm-summary-line" }, "가장 잘 맞는 흥미 유형: ", el("strong", { text: names.join(", ") }), " · " + (data.levels[level] || "") + " 기준"));
    var figure = el("figure", { class: "eduhub-rm-figure" });
    figure.appendChild(renderChart(res));
    var text = data.typeOrder.map(function (t) { return types[t].name + " " + res.scores[t] + "점"; }).join(", ");
    figure.appendChild(el("figcaption", { text: "유형별 점수: " + text }));
    result.appendChild(figure);
    if (res.scores[res.ranked[0]] <= 0) {
      result.appendChild(el("p", { class: "eduhub-rm-warn", text: "좋아요를 고른 문장이 거의 없어 유형이 뚜렷하지 않습니다. 커리어넷의 검사를 받아 보거나 상담에서 이야기 나눠 보세요." }));
    }

    if (cur === "2015") {
      result.appendChild(el("p", { class: "eduhub-rm-warn" },
        "지금 " + data.levels[level] + " 학생은 2025년보다 먼저 고등학교에 들어가 2015 개정 교육과정을 따릅니다. 2022 개정 교육과정의 과목 이름이 맞지 않아 과목 예시는 보여 드리지 않습니다. 학교 편제표를 보고 ",
        link("admissions/consulting/", "상담"), "에서 함께 확인하세요."));
    }

    var programSlugs = [];
    [data.commonPrograms].concat(best.map(function (t) { return t.programs; })).forEach(function (list) {
      list.forEach(function (s) {
        if (programSlugs.indexOf(s) < 0 && data.programs[s]) programSlugs.push(s);
      });
    });

    best.forEach(function (t, i) {
      var box = el("article", { class: "eduhub-rm-type eduhub-rm-type--result" });
      box.appendChild(el("h3", { text: (i + 1) + ". " + t.name + (t.also ? " (" + t.also + ")" : "") + ": " + t.plain }));
      box.appendChild(el("p", {}, el("strong", { text: "어울리는 학과·계열 예시" }), ": " + t.fields.join(", ")));
      if (cur === "2022") {
        box.appendChild(el("p", {}, el("strong", { text: "고교학점제에서 살펴볼 과목" })));
        var dl = el("dl", { class: "eduhub-rm-groups" });
        Object.keys(data.groups).forEach(function (g) {
          if (!t.courses[g].length) return;
          dl.appendChild(el("dt", { text: data.groups[g] }));
          dl.appendChild(el("dd", {}, joined(t.courses[g].map(course))));
        });
        box.appendChild(dl);
        if (t.guidance.length) {
          var details = el("details", { class: "eduhub-rm-guidance" }, el("summary", { text: "대학의 2028학년도 안내 (예시이며, 대학마다 따로 발표합니다)" }));
          details.appendChild(guidanceBlock(t.guidance));
          box.appendChild(details);
        }
      }
      var progs = t.programs.filter(function (s) { return data.programs[s]; });
      if (progs.length) {
        box.appendChild(el("p", {}, el("strong", { text: "센터 프로그램" }), ": ", joined(progs.map(function (s) { return link(data.programs[s].url, data.programs[s].title); }))));
      }
      result.appendChild(box);
    });
    result.appendChild(el("p", { class: "eduhub-rm-check" }, link("https://www.adiga.kr/", "대학마다 다르니 지원하려는 대학의 안내와 학교 교육과정 편제표를 확인하세요", true)));

    result.appendChild(el("h3", { text: "센터 프로그램과 다가오는 행사" }));
    result.appendChild(el("ul", { class: "eduhub-rm-programs" }, ...programSlugs.map(function (s) {
      return el("li", {}, link(data.programs[s].url, data.programs[s].title));
    })));
    var events = upcoming(programSlugs, audience, [], 4);
    result.appendChild(el("p", {}, el("strong", { text: "다가오는 행사" }), " (" + (audience === "middle" ? "중학생" : "고등학생") + " 대상)"));
    if (events.length) result.appendChild(eventList(events));
    else result.appendChild(el("p", {}, "지금 예정된 행사가 없습니다. ", link("events/", "행사·일정"), "에서 새 행사를 확인하세요."));

    result.appendChild(el("h3", { text: "학년별 로드맵" }));
    var startAt = Math.max(0, data.grades.map(function (g) { return g.id; }).indexOf(level));
    result.appendChild(el("ol", { class: "eduhub-rm-grades" }, ...data.grades.slice(startAt).map(function (g) {
      var item = el("li", {}, el("strong", { text: g.label + (g.id === level ? " (지금)" : "") }));
      item.appendChild(el("ul", {}, ...g.todo.map(function (x) { return el("li", { text: x }); })));
      // Dates are shown for the student's own grade only: a later grade's dates today belong
      // to the students in that grade now, not to this student in a year or two.
      var ev = g.id === level ? upcoming(g.programs, g.audience, g.categories, 2) : [];
      if (ev.length) item.appendChild(eventList(ev));
      item.appendChild(el("p", {}, link(g.url, g.label + " 시기별 준비 자세히 보기")));
      return item;
    })));

    var summary = el("section", { class: "eduhub-rm-summary", "aria-labelledby": "eduhub-rm-summary-title" });
    summary.appendChild(el("h3", { id: "eduhub-rm-summary-title", text: "상담에 가져갈 것" }));
    var facts = el("ul");
    facts.appendChild(el("li", { text: "학년: " + (data.levels[level] || "") + (cur === "2015" ? " (2015 개정 교육과정)" : " (2022 개정 교육과정)") }));
    facts.appendChild(el("li", { text: "잘 맞는 흥미 유형: " + names.join(", ") + " (" + text + ")" }));
    facts.appendChild(el("li", { text: "관심 가는 학과·계열 예시: " + best.map(function (t) { return t.fields.slice(0, 3).join(", "); }).join(" / ") }));
    if (cur === "2022") {
      var picks = [];
      best.forEach(function (t) {
        ["general", "career"].forEach(function (g) {
          t.courses[g].slice(0, 2).forEach(function (c) { if (picks.indexOf(c) < 0) picks.push(c); });
        });
      });
      facts.appendChild(el("li", {}, "살펴볼 과목: ", joined(picks.map(course))));
    }
    facts.appendChild(el("li", { text: "함께 챙길 것: 학교 교육과정 편제표, 과목 선택 안내, 성적 자료" }));
    facts.appendChild(el("li", { text: "물어볼 것: 우리 학교에 이 과목이 열리는지, 없으면 공동교육과정이나 온라인학교로 들을 수 있는지, 관심 대학의 권장과목" }));
    summary.appendChild(facts);
    summary.appendChild(el("p", {}, "이 결과의 주소: ", el("span", { class: "eduhub-rm-url", text: shareUrl })));
    summary.appendChild(el("p", {}, link("admissions/consulting/", "1:1 상담 준비하기"), " · ", link("programs/my-curriculum-consulting/", "나만의 교육과정 만들기 컨설팅")));
    result.appendChild(summary);

    var actions = el("div", { class: "eduhub-rm-actions" });
    var print = el("button", { type: "button", class: "md-button", text: "요약 인쇄하기" });
    print.addEventListener("click", function () { window.print(); });
    var copy = el("button", { type: "button", class: "md-button", text: "결과 주소 복사" });
    copy.addEventListener("click", function () {
      var done = function () { live.textContent = "결과 주소를 복사했습니다. 보호자에게 보내면 같은 결과를 볼 수 있습니다."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(shareUrl).then(done, function () { live.textContent = "복사하지 못했습니다. 주소창의 주소를 복사해 주세요."; });
      } else {
        live.textContent = "주소창의 주소를 복사해 보내면 같은 결과를 볼 수 있습니다.";
      }
    });
    var save = el("button", { type: "button", class: "md-button", text: "이 기기에 결과 저장" });
    save.addEventListener("click", function () {
      try {
        localStorage.setItem(STORE_KEY, encode(input));
        live.textContent = "이 기기에 결과를 저장했습니다. 다음에 이 페이지를 열면 저장한 결과를 보여 줍니다.";
      } catch (e) {
        live.textContent = "이 브라우저에서는 저장할 수 없습니다.";
      }
    });
    var forget = el("button", { type: "button", class: "md-button", text: "저장한 결과 지우기" });
    forget.addEventListener("click", function () {
      try { localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      live.textContent = "이 기기에 저장한 결과를 지웠습니다.";
    });
    var again = el("button", { type: "button", class: "md-button", text: "답 고치기" });
    again.addEventListener("click", function () {
      result.hidden = true;
      root.classList.remove("eduhub-rm--result");
      form.hidden = false;
      showStep(0, true);
    });
    [print, copy, save, forget, again].forEach(function (b) { actions.appendChild(b); });
    result.appendChild(actions);

    form.hidden = true;
    result.hidden = false;
    root.classList.add("eduhub-rm--result");
    if (announce) {
      live.textContent = "";
      window.setTimeout(function () {
        live.textContent = "결과가 나왔습니다. 가장 잘 맞는 흥미 유형은 " + names.join(", ") + "입니다. 유형별 점수: " + text + ".";
      }, 50);
      result.focus();
    }
  }

  /* wiring */

  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") limitSubjects();
    updateProgress();
  });
  nextButton.addEventListener("click", function () {
    var missing = unanswered(current);
    showStep(current + 1, true);
    if (missing) hint.textContent = "앞 단계에서 답하지 않은 문장 " + missing + "개는 점수에 넣지 않습니다. 뒤로 가서 답할 수 있습니다.";
  });
  backButton.addEventListener("click", function () { showStep(current - 1, true); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = readForm();
    history.replaceState(null, "", "#" + encode(input));
    render(input, true);
  });

  function fromAddress(announce) {
    var input = location.hash.length > 1 ? decode(location.hash, data.statements.length, subjectIds, levelIds) : null;
    if (!input && location.hash.length > 1) {
      hint.textContent = "이 주소의 답은 질문이 바뀌기 전의 것이라 열 수 없습니다. 다시 답해 주세요.";
    }
    if (!input && location.hash.length <= 1) {
      var saved = null;
      try { saved = localStorage.getItem(STORE_KEY); } catch (e) { saved = null; }
      if (saved) {
        input = decode(saved, data.statements.length, subjectIds, levelIds);
        if (input) history.replaceState(null, "", "#" + saved);
      }
    }
    if (input) {
      fillForm(input);
      render(input, announce);
    } else {
      result.hidden = true;
      root.classList.remove("eduhub-rm--result");
      form.hidden = false;
      showStep(0, false);
    }
  }
  window.addEventListener("hashchange", function () { fromAddress(true); });
  showStep(0, false);
  fromAddress(false);
})();
