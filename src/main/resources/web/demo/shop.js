// The demo shop's behaviour: a cart kept in localStorage, and forms that never send anything anywhere.
(function () {
  'use strict';

  var PRODUCTS = {
    mug: { name: 'Open Source Mug', price: 12.0 },
    tshirt: { name: 'Co-browse T-shirt', price: 24.0 },
    notebook: { name: 'Field Notebook', price: 9.5 },
    headphones: { name: 'Quiet Headphones', price: 79.0 }
  };
  var CART_KEY = 'demo.cart';

  function readCart() {
    try {
      return JSON.parse(localStorage.getItem(CART_KEY) || '{}') || {};
    } catch (e) {
      return {};
    }
  }

  function writeCart(cart) {
    try {
      localStorage.setItem(CART_KEY, JSON.stringify(cart));
    } catch (e) { /* private mode: the cart lasts for this page only */ }
    showCartCount();
  }

  function money(amount) {
    return '€' + amount.toFixed(2);
  }

  function cartLines() {
    var cart = readCart();
    return Object.keys(cart).filter(function (id) { return PRODUCTS[id] && cart[id] > 0; }).map(function (id) {
      return { id: id, name: PRODUCTS[id].name, quantity: cart[id], amount: PRODUCTS[id].price * cart[id] };
    });
  }

  function cartTotal() {
    return cartLines().reduce(function (sum, line) { return sum + line.amount; }, 0);
  }

  function showCartCount() {
    var count = cartLines().reduce(function (sum, line) { return sum + line.quantity; }, 0);
    document.querySelectorAll('.cart-count').forEach(function (el) { el.textContent = String(count); });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function setUpCatalogue() {
    document.querySelectorAll('[data-add]').forEach(function (button) {
      button.addEventListener('click', function () {
        var cart = readCart();
        var id = button.getAttribute('data-add');
        cart[id] = (cart[id] || 0) + 1;
        writeCart(cart);
        button.textContent = 'Added ✓';
        button.classList.add('added');
        setTimeout(function () {
          button.textContent = 'Add to cart';
          button.classList.remove('added');
        }, 1200);
      });
    });
  }

  function setUpCart() {
    var body = document.getElementById('cart-lines');
    if (!body) { return; }
    var lines = cartLines();
    body.textContent = '';
    lines.forEach(function (line) {
      var row = document.createElement('tr');
      cell(row, line.name);
      cell(row, String(line.quantity));
      cell(row, money(line.amount), 'amount');
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button secondary';
      remove.textContent = 'Remove';
      remove.addEventListener('click', function () {
        var cart = readCart();
        delete cart[line.id];
        writeCart(cart);
        setUpCart();
      });
      cell(row, '').appendChild(remove);
      body.appendChild(row);
    });
    document.getElementById('cart-empty').hidden = lines.length > 0;
    document.getElementById('cart-table').hidden = lines.length === 0;
    document.getElementById('cart-total').textContent = money(cartTotal());
  }

  function setUpCheckout() {
    var form = document.getElementById('checkout-form');
    if (!form) { return; }
    document.getElementById('order-total').textContent = money(cartTotal());
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = document.getElementById('full-name').value.trim() || 'customer';
      writeCart({});
      form.hidden = true;
      var done = document.getElementById('order-confirmation');
      document.getElementById('order-name').textContent = name;
      done.hidden = false;
    });
  }

  function setUpLogin() {
    var form = document.getElementById('login-form');
    if (!form) { return; }
    var password = document.getElementById('password');
    var toggle = document.getElementById('toggle-password');
    toggle.addEventListener('click', function () {
      var show = password.type === 'password';
      password.type = show ? 'text' : 'password';
      toggle.textContent = show ? 'Hide' : 'Show';
      toggle.setAttribute('aria-pressed', String(show));
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      document.getElementById('login-name').textContent = document.getElementById('username').value.trim() || 'there';
      document.getElementById('login-result').hidden = false;
    });
  }

  showCartCount();
  setUpCatalogue();
  setUpCart();
  setUpCheckout();
  setUpLogin();
})();
