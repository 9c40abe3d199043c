import Mustache

/// The values of a table's rows, and of the menu and page links of every page, named for the
/// templates by hand. A page has up to fifty rows and swift-mustache reflects a struct that is
/// not a `MustacheParent` (`TemplateValues` does it once per struct, which still cost a fifth of
/// the audit trail's time); a row's few names are cheaper listed. A row type here must name
/// every property it has: `TemplateFieldsTests` compares each with what reflection finds.
extension AuditRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": at
        case "actor": actor
        case "role": role
        case "action": action
        case "entity": entity
        case "key": key
        default: nil
        }
    }
}

extension InstitutionRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "kindZh": kindZh
        case "district": district
        case "creditCode": creditCode
        default: nil
        }
    }
}

extension MenuItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "zh": zh
        case "en": en
        case "current": current
        default: nil
        }
    }
}

extension PagingView.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "href": href
        case "current": current
        default: nil
        }
    }
}
