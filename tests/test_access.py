"""Every route states who may open it."""


def test_every_view_declares_its_roles(app):
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    assert undeclared == []
