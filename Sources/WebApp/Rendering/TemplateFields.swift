import Mustache

/// The values of what every page shows (its frame, menu and paging) and of a table's rows, named
/// for the templates by hand. swift-mustache reflects a struct that is not a `MustacheParent`
/// for every name it looks up in it, and `TemplateValues` still reflects it once, which cost a
/// tenth of a page's time for the frame and paging alone and a fifth for the audit trail's fifty
/// rows; listed names cost a `switch`. A type here must name every property it has:
/// `TemplateValuesTests` compares each with what reflection finds, and the page tests read the
/// frame and paging of real pages.
extension AuditRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": at
        case "actor": actor
        case "role": role
        case "action": action
        case "entity": entity
        case "key": key
        case "before": before
        case "after": after
        case "reason": reason
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

extension MenuGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "label": label
        case "items": items
        default: nil
        }
    }
}

extension MenuGroup.Label: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "zh": zh
        case "en": en
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

extension PageData: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "frame": frame
        case "csrf": csrf
        case "page": page
        default: nil
        }
    }
}

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "userName": userName
        case "login": login
        case "roleZh": roleZh
        case "roleEn": roleEn
        case "institutionName": institutionName
        case "menu": menu
        case "showMenu": showMenu
        default: nil
        }
    }
}

extension PagingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "total": total
        case "first": first
        case "last": last
        case "number": number
        case "pageCount": pageCount
        case "previous": previous
        case "next": next
        case "pages": pages
        case "several": several
        default: nil
        }
    }
}
